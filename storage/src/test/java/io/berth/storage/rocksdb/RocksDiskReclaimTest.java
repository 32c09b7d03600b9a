package io.berth.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.storage.MutableClock;
import io.berth.storage.Store;
import io.berth.storage.StoreSettings;
import io.berth.storage.TestManifests;
import io.berth.storage.blob.BlobInfo;
import io.berth.storage.blob.UploadSink;
import io.berth.storage.model.Digest;
import io.berth.storage.model.DigestAlgorithm;
import io.berth.storage.model.Reference;
import io.berth.storage.model.RepositoryName;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Acceptance: "disk space is really returned". Blobs collected by garbage collection must leave the data
 * directory, with the production settings (1 MiB chunks, default RocksDB tunables). RocksDB deletes obsolete
 * files on a background thread, so the checks wait a little for the usage to drop.
 */
class RocksDiskReclaimTest {
    private static final int MIB = 1 << 20;
    private static final Duration GRACE = Duration.ofHours(1);
    /** RocksDB deletes obsolete files in the background; this is far more than it needs. */
    private static final Duration RECLAIM_WAIT = Duration.ofSeconds(20);
    /** Per collection round of the shared-file test: long enough for the deletions of one round. */
    private static final Duration ROUND_WAIT = Duration.ofSeconds(3);
    private static final RepositoryName REPO = RepositoryName.of("big/layers");

    @TempDir
    Path directory;

    private final MutableClock clock = MutableClock.atEpochDay();
    private Store store;

    /**
     * @param reopenBeforeCollecting false: the blob is still in the memtable and write-ahead log when collected;
     *                               true: a restart moved it to a blob file first, as on a server that has run
     *                               for a while
     */
    @ParameterizedTest(name = "reopened before collecting: {0}")
    @ValueSource(booleans = {false, true})
    void collectedBlobLeavesTheDisk(boolean reopenBeforeCollecting) throws Exception {
        int size = 48 * MIB;
        store = open();
        try {
            long empty = store.diskUsage();
            BlobInfo blob = uploadRandom(size, 48);
            if (reopenBeforeCollecting) {
                reopen();
            }
            long full = store.diskUsage();
            assertTrue(full - empty >= size, "the blob is on disk: " + full);

            store.blobs().unlink(REPO, blob.digest());
            clock.advance(GRACE.plusMinutes(1));
            assertEquals(1, store.collector().collect(GRACE).blobsDeleted());

            // RocksDB keeps some slack (info logs, manifest, small SST files): most of the blob must go
            long after = awaitUsage(usage -> full - usage >= size * 9L / 10, RECLAIM_WAIT);
            assertTrue(full - after >= size * 9L / 10, "empty " + empty + ", full " + full + ", after " + after);
        } finally {
            store.close();
        }
    }

    /**
     * A collected blob that shares a blob file with a live one cannot free that file at once: the live blob's
     * bytes must be moved first, which blob garbage collection does only for the older half of the blob files
     * (its age cutoff), during compactions. So its space comes back after a few more blob files and
     * collections, not at the first one; this checks that it does come back.
     */
    @Test
    void blobSharingAFileWithALiveBlobIsReclaimedOnceThatFileAges() throws Exception {
        int size = 16 * MIB;
        int maxRounds = 8;
        store = open();
        try {
            BlobInfo collected = uploadRandom(size, 1);
            BlobInfo live = uploadRandom(size, 2);
            store.manifests().put(REPO, Reference.parse("v1"), null, TestManifests.bytes(TestManifests.image(
                    TestManifests.descriptor(TestManifests.CONFIG, live.digest(), live.size()))));
            reopen(); // both blobs now share one blob file
            store.blobs().unlink(REPO, collected.digest());

            long usage = store.diskUsage();
            int round = 0;
            while (usage >= size + 4L * MIB && round++ < maxRounds) {
                uploadRandom(MIB, 100 + round); // an unreferenced blob: a new blob file, collected at once
                reopen();
                clock.advance(GRACE.plusMinutes(1));
                assertTrue(store.collector().collect(GRACE).blobsDeleted() >= 1);
                usage = awaitUsage(u -> u < size + 4L * MIB, ROUND_WAIT);
            }
            assertTrue(usage < size + 4L * MIB, "only the live blob should remain after " + maxRounds
                    + " collections, but " + usage + " bytes are used");
            assertEquals(live.size(), store.blobs().stat(REPO, live.digest()).orElseThrow().size());
        } finally {
            store.close();
        }
    }

    private Store open() {
        return Store.open(directory, StoreSettings.defaults(), clock);
    }

    private void reopen() {
        store.close();
        store = open();
    }

    /** The disk usage once {@code reached} holds for it, or the last one seen after {@code wait}. */
    private long awaitUsage(LongPredicate reached, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        long usage = store.diskUsage();
        while (!reached.test(usage) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            usage = store.diskUsage();
        }
        return usage;
    }

    /** Uploads {@code size} random bytes (incompressible, like a layer) in 64 KiB writes. */
    private BlobInfo uploadRandom(int size, long seed) {
        Random random = new Random(seed);
        byte[] buffer = new byte[64 << 10];
        MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
        String id = store.uploads().start(REPO).id();
        try (UploadSink sink = store.uploads().openSink(REPO, id, 0)) {
            for (int written = 0; written < size; written += buffer.length) {
                random.nextBytes(buffer);
                sha256.update(buffer);
                sink.write(buffer, 0, buffer.length);
            }
        }
        return store.uploads().commit(REPO, id, Digest.fromBytes(DigestAlgorithm.SHA256, sha256.digest()));
    }
}
