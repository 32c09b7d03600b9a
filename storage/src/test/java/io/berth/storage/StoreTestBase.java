package io.berth.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.storage.blob.BlobInfo;
import io.berth.storage.blob.ContentReader;
import io.berth.storage.blob.UploadSink;
import io.berth.storage.kv.Column;
import io.berth.storage.kv.Cursor;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.InstrumentedKeyValueStore;
import io.berth.storage.meta.PutManifestResult;
import io.berth.storage.model.Digest;
import io.berth.storage.model.DigestAlgorithm;
import io.berth.storage.model.MediaTypes;
import io.berth.storage.model.Reference;
import io.berth.storage.model.RepositoryName;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Lifecycle and helpers of the store tests: a store over a cursor-counting key-value store, a hand-moved clock,
 * and helpers to upload bytes, push images and read blobs back.
 */
public abstract class StoreTestBase {
    /** Small chunks, so that a few kilobytes already span several chunks. */
    protected static final int CHUNK = 4096;
    /** Bytes per {@link UploadSink#write} call: not a divisor of {@link #CHUNK}, so writes straddle chunks. */
    private static final int WRITE_BYTES = 1000;

    protected static final RepositoryName REPO = RepositoryName.of("team/app");
    protected static final RepositoryName OTHER = RepositoryName.of("team/other");
    protected static final RepositoryName THIRD = RepositoryName.of("third");

    protected final MutableClock clock = MutableClock.atEpochDay();
    private final Random random = new Random(20261122);
    protected InstrumentedKeyValueStore kv;
    protected Store store;

    /** A new, empty key-value store for one test. */
    protected abstract KeyValueStore newKeyValueStore();

    /**
     * The key-value store as a restarted process finds it: the same data, and nothing kept in memory by the
     * previous {@link Store}. May close the current store.
     */
    protected abstract KeyValueStore restartKeyValueStore(KeyValueStore current);

    @BeforeEach
    void openStore() {
        kv = new InstrumentedKeyValueStore(newKeyValueStore());
        store = new Store(kv, clock, CHUNK);
    }

    @AfterEach
    void closeStore() {
        int leaked = kv.openCursors();
        store.close();
        assertEquals(0, leaked, "cursors left open by the store");
    }

    /** Replaces {@link #store} by a new one over the same data, as after a restart of the server. */
    protected void restart() {
        assertEquals(0, kv.openCursors(), "cursors left open by the store");
        kv = new InstrumentedKeyValueStore(restartKeyValueStore(kv));
        store = new Store(kv, clock, CHUNK);
    }

    // ---- bytes and uploads ----

    protected byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Uploads {@code content} to {@code repository} in one sink and commits it under its SHA-256. */
    protected BlobInfo upload(RepositoryName repository, byte[] content) {
        String id = startUpload(repository, content, content.length);
        return store.uploads().commit(repository, id, Digest.sha256(content));
    }

    /**
     * Starts an upload and appends {@code content} in several sinks ending at the given offsets (the last sink
     * ends at {@code content.length}); nothing is committed.
     */
    protected String startUpload(RepositoryName repository, byte[] content, int... sinkEnds) {
        String id = store.uploads().start(repository).id();
        int from = 0;
        for (int end : sinkEnds) {
            append(repository, id, content, from, end);
            from = end;
        }
        return id;
    }

    /** Appends {@code content[from, to)} in one sink that says it starts at {@code from}. */
    protected void append(RepositoryName repository, String id, byte[] content, int from, int to) {
        try (UploadSink sink = store.uploads().openSink(repository, id, from)) {
            for (int position = from; position < to; position += WRITE_BYTES) {
                sink.write(content, position, Math.min(WRITE_BYTES, to - position));
            }
            assertEquals(to, sink.offset());
        }
    }

    protected static Digest digest(DigestAlgorithm algorithm, byte[] content) {
        return Digest.of(algorithm, content);
    }

    /** The blob's bytes from {@code offset} to its end, read chunk by chunk as a download would. */
    protected byte[] readFrom(Digest digest, long offset) {
        return readFrom(store, digest, offset);
    }

    /** Like {@link #readFrom(Digest, long)}, from any store; checks that each read ends within one chunk. */
    protected static byte[] readFrom(Store store, Digest digest, long offset) {
        ContentReader reader = store.blobs().open(digest);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long position = offset;
        ByteBuffer chunk;
        while ((chunk = reader.read(position)) != null) {
            try {
                byte[] bytes = new byte[chunk.remaining()];
                assertTrue(bytes.length > 0 && bytes.length <= CHUNK, "read of " + bytes.length + " bytes");
                chunk.get(bytes);
                out.writeBytes(bytes);
                position += bytes.length;
            } finally {
                reader.release(chunk);
            }
        }
        return out.toByteArray();
    }

    /** How many entries a column holds. */
    /** Payload bytes of every stored chunk (each stored chunk starts with a one-byte format header). */
    protected long storedChunkBytes() {
        long bytes = 0;
        try (Cursor cursor = kv.scan(Column.BLOB_CHUNKS, new byte[0], new byte[] {(byte) 0xFF, (byte) 0xFF})) {
            while (cursor.next()) {
                bytes += cursor.value().length - 1;
            }
        }
        return bytes;
    }

    protected int count(Column column) {
        int count = 0;
        try (Cursor cursor = kv.scan(column, new byte[0], new byte[] {(byte) 0xFF, (byte) 0xFF})) {
            while (cursor.next()) {
                count++;
            }
        }
        return count;
    }

    // ---- images ----

    /** An image pushed to a repository: its manifest and the two blobs it references. */
    protected record Image(Digest digest, byte[] manifest, BlobInfo config, BlobInfo layer) {
    }

    /** Uploads a config and a layer and pushes an OCI manifest of them under {@code reference}. */
    protected Image pushImage(RepositoryName repository, String reference) {
        BlobInfo config = upload(repository, randomBytes(300));
        BlobInfo layer = upload(repository, randomBytes(3 * CHUNK + 17));
        byte[] manifest = TestManifests.bytes(TestManifests.image(
                TestManifests.descriptor(TestManifests.CONFIG, config.digest(), config.size()),
                TestManifests.descriptor(TestManifests.LAYER, layer.digest(), layer.size())));
        PutManifestResult result = putManifest(repository, reference, manifest);
        return new Image(result.digest(), manifest, config, layer);
    }

    protected PutManifestResult putManifest(RepositoryName repository, String reference, byte[] manifest) {
        return store.manifests().put(repository, Reference.parse(reference), TestManifests.mediaTypeOf(manifest),
                manifest);
    }

    /** A descriptor of an already pushed manifest, for indexes and subjects. */
    protected static Map<String, Object> manifestDescriptor(Image image) {
        return TestManifests.descriptor(MediaTypes.OCI_MANIFEST, image.digest(), image.manifest().length);
    }
}
