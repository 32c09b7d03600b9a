package io.berth.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.storage.error.StorageFailureException;
import io.berth.storage.kv.Column;
import io.berth.storage.kv.Cursor;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.KeyValueStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksKeyValueStoreTest extends KeyValueStoreContract {
    /** Small buffers: tests write little, and a small memtable makes flushes to SST and blob files happen. */
    static final RocksSettings SMALL = new RocksSettings(1 << 20, 1 << 20, 1 << 20);

    @TempDir
    Path directory;

    @Override
    protected KeyValueStore open() {
        return RocksKeyValueStore.open(directory, SMALL);
    }

    private void reopen() {
        kv.close();
        kv = open();
    }

    @Test
    void writesSurviveReopenWhetherDurableOrNot() {
        kv.write(kv.newBatch().put(Column.BLOBS, bytes(1), bytes(1)).put(Column.TAGS, bytes(0xFF), bytes(2)), true);
        kv.write(kv.newBatch().put(Column.BLOB_CHUNKS, bytes(3), new byte[100_000]).delete(Column.BLOBS, bytes(1)),
                false);
        reopen();
        assertNull(kv.get(Column.BLOBS, bytes(1)));
        assertArrayEquals(bytes(2), kv.get(Column.TAGS, bytes(0xFF)));
        assertEquals(100_000, kv.get(Column.BLOB_CHUNKS, bytes(3)).length);
    }

    @Test
    void rangeDeletionsSurviveReopenAndCompaction() {
        for (int i = 0; i < 10; i++) {
            kv.write(kv.newBatch().put(Column.BLOB_CHUNKS, bytes(1, i), new byte[50_000]), false);
        }
        kv.write(kv.newBatch().deleteRange(Column.BLOB_CHUNKS, bytes(1, 2), bytes(1, 8)), false);
        kv.compact(Column.BLOB_CHUNKS, java.util.List.of(new io.berth.storage.kv.KeyRange(new byte[0], bytes(0xFF))));
        reopen();
        assertEquals(List.of("0100", "0101", "0108", "0109"),
                keys(kv.scan(Column.BLOB_CHUNKS, new byte[0], bytes(0xFF))));
    }

    @Test
    void closingTheStoreClosesCursorsLeftOpen() {
        put(Column.TAGS, bytes(1), "x");
        Cursor forgotten = kv.scan(Column.TAGS, bytes(0), bytes(2));
        Cursor alsoForgotten = kv.scanFromFloor(Column.TAGS, bytes(0), bytes(1), bytes(2));
        assertTrue(forgotten.next());
        kv.close();
        forgotten.close(); // already closed by the store: must not touch freed native memory
        alsoForgotten.close();
        kv = open();
        assertEquals("x", text(kv.get(Column.TAGS, bytes(1))));
    }

    @Test
    void openFailsCleanlyWhenTheDirectoryIsLocked() {
        assertThrows(StorageFailureException.class, () -> RocksKeyValueStore.open(directory, SMALL));
    }

    @Test
    void diskUsageCountsTheFilesOfTheDirectory() throws Exception {
        kv.write(kv.newBatch().put(Column.BLOB_CHUNKS, bytes(1), new byte[2_000_000]), true);
        long files;
        try (var walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(kv.diskUsage() >= 2_000_000, "usage " + kv.diskUsage());
        assertTrue(Math.abs(kv.diskUsage() - files) < 1_000_000, "usage " + kv.diskUsage() + " files " + files);
    }

    @Test
    void ingestedEntriesSurviveAReopenAndStagingLeftoversAreRemoved() throws Exception {
        try (var load = kv.newBulkLoad(Column.BLOB_CHUNKS)) {
            load.put(bytes(5), java.nio.ByteBuffer.wrap(new byte[300_000]));
            load.ingest();
        }
        var forgotten = kv.newBulkLoad(Column.BLOB_CHUNKS);
        forgotten.put(bytes(6), java.nio.ByteBuffer.wrap(new byte[10]));
        kv.close(); // closes the forgotten load, dropping its file
        Path staging = directory.resolve("staging");
        Files.writeString(staging.resolve("load-99.sst"), "left by a crash");

        kv = open();
        assertEquals(300_000, kv.get(Column.BLOB_CHUNKS, bytes(5)).length);
        assertEquals(null, kv.get(Column.BLOB_CHUNKS, bytes(6)));
        try (var files = Files.list(staging)) {
            assertEquals(0, files.count(), "staging emptied on open");
        }
    }

    @Test
    void bulkLoadedBytesAreReclaimedWhenDeletedAndCompacted() {
        for (int blob = 1; blob <= 3; blob++) {
            try (var load = kv.newBulkLoad(Column.BLOB_CHUNKS)) {
                for (int chunk = 0; chunk < 4; chunk++) {
                    load.put(bytes(blob, chunk), java.nio.ByteBuffer.wrap(new byte[1 << 20]));
                }
                load.ingest();
            }
        }
        long before = kv.diskUsage();
        kv.write(kv.newBatch().deleteRange(Column.BLOB_CHUNKS, bytes(1), bytes(3)), true);
        kv.compact(Column.BLOB_CHUNKS, java.util.List.of(new io.berth.storage.kv.KeyRange(bytes(1), bytes(3))));
        long after = kv.diskUsage();
        assertTrue(before - after > 7_000_000, "reclaimed " + (before - after) + " of " + before);
        assertEquals(4, keys(kv.scan(Column.BLOB_CHUNKS, new byte[0], bytes(0xFF))).size());
    }

    /** A bulk load of several chunks is flushed to the disk while it is written, not only when it is finished. */
    @Test
    void bulkLoadsAreFlushedAsTheyAreWritten() {
        try (var load = kv.newBulkLoad(Column.BLOB_CHUNKS)) {
            for (int chunk = 0; chunk < 6; chunk++) {
                load.put(bytes(9, chunk), java.nio.ByteBuffer.wrap(new byte[1 << 20]));
            }
            load.ingest();
        }
        long flushes = ((RocksKeyValueStore) kv).stagingFlushes();
        assertTrue(flushes >= 1 && flushes <= 6, flushes + " background flushes");
        assertEquals(1 << 20, kv.get(Column.BLOB_CHUNKS, bytes(9, 5)).length);
    }

    /** After an ingest nothing is left in the staging directory: the file now belongs to the database. */
    @Test
    void stagingLinksOfIngestedFilesAreRemoved() throws Exception {
        try (var load = kv.newBulkLoad(Column.BLOB_CHUNKS)) {
            load.put(bytes(7), java.nio.ByteBuffer.wrap(new byte[2_000_000]));
            load.ingest();
        }
        Path staging = directory.resolve("staging");
        long deadline = System.nanoTime() + 10_000_000_000L;
        long left;
        do {
            try (var files = Files.list(staging)) {
                left = files.count();
            }
        } while (left > 0 && System.nanoTime() < deadline && sleep());
        assertEquals(0, left, "staging links left");
        assertEquals(2_000_000, kv.get(Column.BLOB_CHUNKS, bytes(7)).length);
    }

    private static boolean sleep() {
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
