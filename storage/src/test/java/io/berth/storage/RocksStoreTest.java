package io.berth.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.storage.blob.BlobInfo;
import io.berth.storage.blob.UploadSink;
import io.berth.storage.error.DigestInvalidException;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.model.Digest;
import io.berth.storage.model.DigestAlgorithm;
import io.berth.storage.model.Reference;
import io.berth.storage.model.Tag;
import io.berth.storage.rocksdb.RocksKeyValueStore;
import io.berth.storage.rocksdb.RocksSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksStoreTest extends StoreContract {
    /** Small memtables and blob files: the tests' few megabytes still reach SST and blob files. */
    private static final RocksSettings SMALL = new RocksSettings(1 << 20, 1 << 20, 1 << 20);

    @TempDir
    Path directory;

    @Override
    protected KeyValueStore newKeyValueStore() {
        return RocksKeyValueStore.open(directory.resolve("kv"), SMALL);
    }

    @Override
    protected KeyValueStore restartKeyValueStore(KeyValueStore current) {
        current.close();
        return RocksKeyValueStore.open(directory.resolve("kv"), SMALL);
    }

    /** Through {@link Store#open}: the store is closed mid-upload and the upload goes on in a new process. */
    @Test
    void uploadSurvivesReopenOfTheStore() {
        Path data = directory.resolve("opened");
        StoreSettings settings = new StoreSettings(CHUNK, SMALL);
        byte[] content = randomBytes(5 * CHUNK + 321);
        String id;
        try (Store first = Store.open(data, settings, clock)) {
            id = first.uploads().start(REPO).id();
            try (UploadSink sink = first.uploads().openSink(REPO, id, 0)) {
                sink.write(content, 0, 2 * CHUNK + 100); // two full chunks stored, 100 bytes flushed on close
            }
        }
        try (Store second = Store.open(data, settings, clock)) {
            assertEquals(2 * CHUNK + 100, second.uploads().get(REPO, id).offset());
            try (UploadSink sink = second.uploads().openSink(REPO, id, 2 * CHUNK + 100)) {
                sink.write(content, 2 * CHUNK + 100, content.length - (2 * CHUNK + 100));
            }
            BlobInfo blob = second.uploads().commit(REPO, id, Digest.of(DigestAlgorithm.SHA256, content));
            assertEquals(content.length, blob.size());
        }
        try (Store third = Store.open(data, settings, clock)) {
            assertArrayEquals(content, readFrom(third, Digest.sha256(content), 0));
            assertTrue(third.blobs().stat(REPO, Digest.sha256(content)).isPresent());
        }
    }

    @Test
    void wrongDigestAfterReopenIsStillRejected() {
        byte[] content = randomBytes(2 * CHUNK);
        String id = startUpload(REPO, content, CHUNK + 1);
        restart();
        append(REPO, id, content, CHUNK + 1, content.length);
        byte[] tampered = content.clone();
        tampered[5] ^= 1;
        assertThrows(DigestInvalidException.class,
                () -> store.uploads().commit(REPO, id, Digest.sha256(tampered)));
    }

    @Test
    void manifestsAndTagsSurviveReopen() {
        Image image = pushImage(REPO, "v1");
        restart();
        assertEquals(image.digest(), store.manifests().resolveTag(REPO, Tag.of("v1")).orElseThrow());
        assertArrayEquals(image.manifest(), store.manifests().get(REPO, Reference.parse("v1")).content());
        assertEquals(image.layer().size(), readFrom(image.layer().digest(), 0).length);
    }
}
