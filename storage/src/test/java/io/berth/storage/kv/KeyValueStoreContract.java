package io.berth.storage.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link KeyValueStore}, run against every implementation. Keys are compared as unsigned bytes,
 * so {@code 0x80} and {@code 0xFF} sort after {@code 0x7F}; several tests use such keys on purpose.
 */
public abstract class KeyValueStoreContract {
    private static final HexFormat HEX = HexFormat.of();

    protected KeyValueStore kv;

    /** A new, empty store. */
    protected abstract KeyValueStore open();

    @BeforeEach
    void openStore() {
        kv = open();
    }

    @AfterEach
    void closeStore() {
        kv.close();
    }

    // ---- get, put, delete ----

    @Test
    void getOfAbsentKeyIsNull() {
        assertNull(kv.get(Column.BLOBS, bytes(1, 2, 3)));
    }

    @Test
    void putThenGetReturnsTheLatestValue() {
        put(Column.BLOBS, bytes(1), "one");
        assertEquals("one", text(kv.get(Column.BLOBS, bytes(1))));
        put(Column.BLOBS, bytes(1), "uno");
        assertEquals("uno", text(kv.get(Column.BLOBS, bytes(1))));
    }

    @Test
    void emptyKeysAndValuesAreStored() {
        kv.write(kv.newBatch().put(Column.LINKS, bytes(9), new byte[0]), false);
        assertArrayEquals(new byte[0], kv.get(Column.LINKS, bytes(9)));
    }

    @Test
    void nothingIsWrittenBeforeTheBatchIs() {
        Batch batch = kv.newBatch().put(Column.BLOBS, bytes(1), bytes(1));
        assertFalse(batch.isEmpty());
        assertNull(kv.get(Column.BLOBS, bytes(1)));
        kv.write(batch, false);
        assertArrayEquals(bytes(1), kv.get(Column.BLOBS, bytes(1)));
    }

    @Test
    void storedValuesDoNotShareArraysWithCallers() {
        byte[] key = bytes(1);
        byte[] value = bytes(10, 11);
        kv.write(kv.newBatch().put(Column.BLOBS, key, value), false);
        key[0] = 2;
        value[0] = 99;
        byte[] read = kv.get(Column.BLOBS, bytes(1));
        assertArrayEquals(bytes(10, 11), read);
        read[1] = 99;
        assertArrayEquals(bytes(10, 11), kv.get(Column.BLOBS, bytes(1)));
        assertNull(kv.get(Column.BLOBS, bytes(2)));
    }

    @Test
    void columnsAreIndependent() {
        put(Column.BLOBS, bytes(1), "blob");
        put(Column.TAGS, bytes(1), "tag");
        assertEquals("blob", text(kv.get(Column.BLOBS, bytes(1))));
        assertEquals("tag", text(kv.get(Column.TAGS, bytes(1))));
        kv.write(kv.newBatch().delete(Column.BLOBS, bytes(1)), false);
        assertNull(kv.get(Column.BLOBS, bytes(1)));
        assertEquals("tag", text(kv.get(Column.TAGS, bytes(1))));
    }

    @Test
    void aWriteRaisesTheRevisionOfEveryColumnItTouchesAndOfNoOther() {
        long blobs = kv.revision(Column.BLOBS);
        long tags = kv.revision(Column.TAGS);
        long iam = kv.revision(Column.IAM);
        kv.write(kv.newBatch().put(Column.BLOBS, bytes(1), bytes(1)).put(Column.BLOBS, bytes(2), bytes(2))
                .delete(Column.TAGS, bytes(3)), false);
        assertEquals(blobs + 1, kv.revision(Column.BLOBS));
        assertEquals(tags + 1, kv.revision(Column.TAGS));
        assertEquals(iam, kv.revision(Column.IAM));
        kv.write(kv.newBatch().deleteRange(Column.IAM, bytes(0), bytes(9)), true);
        assertEquals(iam + 1, kv.revision(Column.IAM));
        assertEquals(blobs + 1, kv.revision(Column.BLOBS));
    }

    @Test
    void aWriteIsVisibleOnceItsRevisionIsSeen() throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < 200; i++) {
                long before = kv.revision(Column.TAGS);
                byte[] value = bytes(i % 128);
                Future<?> written = writer.submit(() ->
                        kv.write(kv.newBatch().put(Column.TAGS, bytes(7), value), false));
                while (kv.revision(Column.TAGS) == before) {
                    Thread.onSpinWait();
                }
                assertArrayEquals(value, kv.get(Column.TAGS, bytes(7)));
                written.get();
            }
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void deleteRemovesOnlyThatKey() {
        put(Column.BLOBS, bytes(1), "a");
        put(Column.BLOBS, bytes(1, 0), "b");
        kv.write(kv.newBatch().delete(Column.BLOBS, bytes(1)).delete(Column.BLOBS, bytes(7)), true);
        assertNull(kv.get(Column.BLOBS, bytes(1)));
        assertEquals("b", text(kv.get(Column.BLOBS, bytes(1, 0))));
    }

    @Test
    void deleteRangeRemovesFromInclusiveToExclusive() {
        for (int[] key : new int[][] {{0x10}, {0x20}, {0x20, 0x00}, {0x2F, 0xFF}, {0x30}, {0x40}}) {
            put(Column.BLOB_CHUNKS, bytes(key), "x");
            put(Column.BLOBS, bytes(key), "other column");
        }
        kv.write(kv.newBatch().deleteRange(Column.BLOB_CHUNKS, bytes(0x20), bytes(0x30)), true);
        assertEquals(List.of("10", "30", "40"), keys(kv.scan(Column.BLOB_CHUNKS, new byte[0], bytes(0xFF))));
        assertEquals(6, keys(kv.scan(Column.BLOBS, new byte[0], bytes(0xFF))).size());
    }

    @Test
    void deleteRangeComparesHighBytesAsUnsigned() {
        for (int[] key : new int[][] {{0x7F}, {0x80}, {0xC0}, {0xFF}, {0xFF, 0x00}, {0xFF, 0xFF}}) {
            put(Column.BLOB_CHUNKS, bytes(key), "x");
        }
        kv.write(kv.newBatch().deleteRange(Column.BLOB_CHUNKS, bytes(0x80), bytes(0xFF, 0x00)), false);
        assertEquals(List.of("7f", "ff00", "ffff"),
                keys(kv.scan(Column.BLOB_CHUNKS, new byte[0], bytes(0xFF, 0xFF, 0xFF))));
    }

    // ---- get into a buffer, put from a buffer ----

    @ParameterizedTest(name = "direct: {0}")
    @ValueSource(booleans = {false, true})
    void getIntoABufferCopiesTheValueFromItsPosition(boolean direct) {
        put(Column.BLOB_CHUNKS, bytes(1), "hello");
        ByteBuffer target = buffer(direct, 16);
        target.put((byte) '>');

        assertEquals(5, kv.get(Column.BLOB_CHUNKS, bytes(1), target));

        assertEquals(6, target.position());
        assertEquals(16, target.limit());
        assertEquals(">hello", text(target.flip()));
    }

    @ParameterizedTest(name = "direct: {0}")
    @ValueSource(booleans = {false, true})
    void getIntoATooSmallBufferFillsItAndTellsTheWholeLength(boolean direct) {
        put(Column.BLOB_CHUNKS, bytes(1), "hello world");
        ByteBuffer target = buffer(direct, 16).position(10).limit(15);

        assertEquals(11, kv.get(Column.BLOB_CHUNKS, bytes(1), target));

        assertEquals(15, target.position());
        assertEquals("hello", text(target.position(10)));
    }

    @ParameterizedTest(name = "direct: {0}")
    @ValueSource(booleans = {false, true})
    void getIntoABufferOfAnAbsentKeyLeavesItAlone(boolean direct) {
        ByteBuffer target = buffer(direct, 8).position(3);
        assertEquals(-1, kv.get(Column.BLOB_CHUNKS, bytes(1), target));
        assertEquals(3, target.position());
    }

    @ParameterizedTest(name = "direct: {0}")
    @ValueSource(booleans = {false, true})
    void putFromABufferStoresItsRemainingBytesAndLetsTheBufferBeReused(boolean direct) {
        ByteBuffer source = buffer(direct, 16);
        source.put("xxabcdefyy".getBytes(StandardCharsets.UTF_8)).position(2).limit(8);

        kv.write(kv.newBatch().put(Column.BLOB_CHUNKS, bytes(1), source), false);

        assertEquals(2, source.position(), "the caller's buffer is not consumed");
        assertEquals(8, source.limit());
        source.clear().put("zzzzzzzzzz".getBytes(StandardCharsets.UTF_8));
        assertEquals("abcdef", text(kv.get(Column.BLOB_CHUNKS, bytes(1))));
    }

    // ---- scan ----

    @Test
    void scanReturnsEntriesInUnsignedByteOrderWithinBounds() {
        int[][] shuffled = {{0xFF, 0xFF}, {0x00}, {0x80}, {0x7F}, {0xFF}, {0x01}, {0xFF, 0x00}, {0x7F, 0xFF}};
        for (int[] key : shuffled) {
            put(Column.TAGS, bytes(key), HEX.formatHex(bytes(key)));
        }
        List<String> all = keys(kv.scan(Column.TAGS, new byte[0], bytes(0xFF, 0xFF, 0xFF)));
        assertEquals(List.of("00", "01", "7f", "7fff", "80", "ff", "ff00", "ffff"), all);
        // from is inclusive, to exclusive, both compared unsigned
        assertEquals(List.of("7f", "7fff", "80"), keys(kv.scan(Column.TAGS, bytes(0x7F), bytes(0xFF))));
        assertEquals(List.of("80", "ff", "ff00"), keys(kv.scan(Column.TAGS, bytes(0x80), bytes(0xFF, 0xFF))));
        assertEquals(List.of("ff00", "ffff"), keys(kv.scan(Column.TAGS, bytes(0xFF, 0x00), bytes(0xFF, 0xFF, 0x00))));
    }

    @Test
    void scanReturnsValuesWithTheirKeys() {
        put(Column.REFERRERS, bytes(1), "one");
        put(Column.REFERRERS, bytes(2), "two");
        List<String> seen = new ArrayList<>();
        try (Cursor cursor = kv.scan(Column.REFERRERS, bytes(0), bytes(3))) {
            while (cursor.next()) {
                seen.add(HEX.formatHex(cursor.key()) + "=" + text(cursor.value()));
            }
        }
        assertEquals(List.of("01=one", "02=two"), seen);
    }

    @Test
    void scanOfAnEmptyRangeFindsNothing() {
        put(Column.TAGS, bytes(5), "x");
        assertEquals(List.of(), keys(kv.scan(Column.TAGS, bytes(5), bytes(5))));
        assertEquals(List.of(), keys(kv.scan(Column.TAGS, bytes(6), bytes(9))));
        assertEquals(List.of(), keys(kv.scan(Column.MANIFESTS, new byte[0], bytes(0xFF))));
    }

    @Test
    void scanWithFromAfterToFindsNothing() {
        put(Column.TAGS, bytes(5), "x");
        put(Column.TAGS, bytes(7), "x");
        assertEquals(List.of(), keys(kv.scan(Column.TAGS, bytes(7), bytes(5))));
    }

    @Test
    void cursorStaysExhaustedAfterItsLastEntry() {
        put(Column.TAGS, bytes(1), "x");
        try (Cursor cursor = kv.scan(Column.TAGS, bytes(0), bytes(2))) {
            assertTrue(cursor.next());
            assertFalse(cursor.next());
            assertFalse(cursor.next());
        }
        try (Cursor empty = kv.scan(Column.TAGS, bytes(2), bytes(3))) {
            assertFalse(empty.next());
            assertFalse(empty.next());
        }
    }

    @Test
    void closingACursorTwiceIsHarmless() {
        put(Column.TAGS, bytes(1), "x");
        Cursor cursor = kv.scan(Column.TAGS, bytes(0), bytes(2));
        assertTrue(cursor.next());
        cursor.close();
        cursor.close();
    }

    // ---- scanFromFloor: chunk-like keys prefix(1 byte) + offset(1 byte) ----

    @Test
    void scanFromFloorStartsAtTheGreatestKeyAtOrBeforeAt() {
        putChunks();
        assertEquals(List.of("aa10", "aa20", "aa30"), floorScan(0x15));
        assertEquals(List.of("aa10", "aa20", "aa30"), floorScan(0x10));
        assertEquals(List.of("aa30"), floorScan(0x30));
        assertEquals(List.of("aa30"), floorScan(0x7F));
    }

    @Test
    void scanFromFloorStartsAtTheFirstKeyWhenNoneIsAtOrBeforeAt() {
        putChunks();
        // 0xa9ff sits before the floor: it is at or before `at` but outside the range, so it must not be returned
        assertEquals(List.of("aa10", "aa20", "aa30"), floorScan(0x05));
        assertEquals(List.of("aa10", "aa20", "aa30"), floorScan(0x00));
    }

    @Test
    void scanFromFloorNeverReturnsKeysAtOrAfterTo() {
        putChunks();
        try (Cursor cursor = kv.scanFromFloor(Column.BLOB_CHUNKS, bytes(0xAA), bytes(0xAA, 0x25), bytes(0xAA, 0x30))) {
            assertEquals(List.of("aa20"), keys(cursor));
        }
    }

    @Test
    void scanFromFloorOfAnEmptyRangeFindsNothing() {
        putChunks();
        // content 0xAC has no chunks; the greatest key before `at` belongs to content 0xAB and must not be used
        try (Cursor cursor = kv.scanFromFloor(Column.BLOB_CHUNKS, bytes(0xAC), bytes(0xAC, 0x10), bytes(0xAC, 0xFF))) {
            assertFalse(cursor.next());
        }
    }

    @Test
    void scanFromFloorWithAtBeyondToStartsAtTheLastKeyBeforeTo() {
        putChunks();
        try (Cursor cursor = kv.scanFromFloor(Column.BLOB_CHUNKS, bytes(0xAA), bytes(0xAA, 0x35), bytes(0xAA, 0x25))) {
            assertEquals(List.of("aa20"), keys(cursor));
        }
    }

    private void putChunks() {
        put(Column.BLOB_CHUNKS, bytes(0xA9, 0xFF), "previous content");
        put(Column.BLOB_CHUNKS, bytes(0xAA, 0x10), "a");
        put(Column.BLOB_CHUNKS, bytes(0xAA, 0x20), "b");
        put(Column.BLOB_CHUNKS, bytes(0xAA, 0x30), "c");
        put(Column.BLOB_CHUNKS, bytes(0xAB, 0x00), "next content");
    }

    private List<String> floorScan(int at) {
        return keys(kv.scanFromFloor(Column.BLOB_CHUNKS, bytes(0xAA), bytes(0xAA, at), bytes(0xAA, 0xFF)));
    }

    // ---- batches ----

    @Test
    void batchAppliesItsOperationsInOrder() {
        put(Column.TAGS, bytes(3), "old");
        kv.write(kv.newBatch()
                .put(Column.TAGS, bytes(1), bytes(1)).delete(Column.TAGS, bytes(1))
                .delete(Column.TAGS, bytes(2)).put(Column.TAGS, bytes(2), bytes(2))
                .deleteRange(Column.TAGS, bytes(3), bytes(4)).put(Column.TAGS, bytes(3), bytes(3)), false);
        assertNull(kv.get(Column.TAGS, bytes(1)));
        assertArrayEquals(bytes(2), kv.get(Column.TAGS, bytes(2)));
        assertArrayEquals(bytes(3), kv.get(Column.TAGS, bytes(3)));
    }

    @Test
    void batchSpanningColumnsIsAppliedWhole() {
        put(Column.UPLOADS, bytes(1), "upload");
        put(Column.BLOB_CHUNKS, bytes(1, 0), "chunk");
        kv.write(kv.newBatch()
                .put(Column.BLOBS, bytes(1), bytes(1))
                .delete(Column.UPLOADS, bytes(1))
                .deleteRange(Column.BLOB_CHUNKS, bytes(1), bytes(2))
                .put(Column.LINKS, bytes(1), new byte[0]), true);
        assertArrayEquals(bytes(1), kv.get(Column.BLOBS, bytes(1)));
        assertNull(kv.get(Column.UPLOADS, bytes(1)));
        assertNull(kv.get(Column.BLOB_CHUNKS, bytes(1, 0)));
        assertArrayEquals(new byte[0], kv.get(Column.LINKS, bytes(1)));
    }

    @Test
    void emptyBatchIsAccepted() {
        Batch batch = kv.newBatch();
        assertTrue(batch.isEmpty());
        kv.write(batch, true);
        assertEquals(List.of(), keys(kv.scan(Column.BLOBS, new byte[0], bytes(0xFF))));
    }

    /**
     * Threads write batches that set the same keys to their own id. If batches interleaved, some keys would end
     * with one thread's id and others with another's.
     */
    @Test
    void concurrentBatchesDoNotInterleave() throws Exception {
        int threads = 4;
        int keys = 50;
        int rounds = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                byte[] id = bytes(t);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < rounds; round++) {
                        Batch batch = kv.newBatch();
                        for (int k = 0; k < keys; k++) {
                            batch.put(Column.TAGS, bytes(k), id);
                        }
                        kv.write(batch, false);
                        byte[] first = kv.get(Column.TAGS, bytes(0));
                        assertEquals(1, first.length);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        byte[] winner = kv.get(Column.TAGS, bytes(0));
        for (int k = 1; k < keys; k++) {
            assertArrayEquals(winner, kv.get(Column.TAGS, bytes(k)), "key " + k);
        }
    }

    @Test
    void diskUsageIsReportedAfterWrites() {
        kv.write(kv.newBatch().put(Column.BLOB_CHUNKS, bytes(1), new byte[10_000]), true);
        assertTrue(kv.diskUsage() > 0);
    }

    // ---- helpers ----

    // ---- bulk loads ----

    @Test
    void bulkLoadIsInvisibleUntilIngestedThenVisibleWhole() {
        try (BulkLoad load = kv.newBulkLoad(Column.BLOB_CHUNKS)) {
            load.put(bytes(0x10), utf8("a"));
            load.put(bytes(0x20), ByteBuffer.allocateDirect(3).put(utf8("bcd")).flip());
            assertNull(kv.get(Column.BLOB_CHUNKS, bytes(0x10)));
            load.ingest();
        }
        assertEquals(List.of("10", "20"), keys(kv.scan(Column.BLOB_CHUNKS, new byte[0], bytes(0xFF))));
        assertEquals("bcd", text(kv.get(Column.BLOB_CHUNKS, bytes(0x20))));
    }

    @Test
    void ingestRaisesTheRevisionOfItsColumnOnly() {
        long chunks = kv.revision(Column.BLOB_CHUNKS);
        long blobs = kv.revision(Column.BLOBS);
        try (BulkLoad load = kv.newBulkLoad(Column.BLOB_CHUNKS)) {
            load.put(bytes(0x10), utf8("a"));
            load.ingest();
        }
        assertTrue(kv.revision(Column.BLOB_CHUNKS) > chunks);
        assertEquals(blobs, kv.revision(Column.BLOBS));
    }

    @Test
    void bulkLoadClosedWithoutIngestLeavesNothing() {
        try (BulkLoad load = kv.newBulkLoad(Column.BLOB_CHUNKS)) {
            load.put(bytes(0x10), utf8("a"));
        }
        assertFalse(kv.scan(Column.BLOB_CHUNKS, new byte[0], bytes(0xFF)).next());
    }

    @Test
    void bulkLoadRejectsKeysThatDoNotAscend() {
        try (BulkLoad load = kv.newBulkLoad(Column.BLOB_CHUNKS)) {
            load.put(bytes(0x80), utf8("a"));
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> load.put(bytes(0x7F), utf8("b")));
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> load.put(bytes(0x80), utf8("c")));
            load.put(bytes(0x80, 0x00), utf8("d"));
            load.ingest();
        }
        assertEquals(List.of("80", "8000"), keys(kv.scan(Column.BLOB_CHUNKS, new byte[0], bytes(0xFF))));
    }

    @Test
    void bulkLoadReplacesExistingKeysAndRefillsDeletedRanges() {
        put(Column.BLOB_CHUNKS, bytes(1, 1), "old");
        put(Column.BLOB_CHUNKS, bytes(1, 2), "old");
        kv.write(kv.newBatch().deleteRange(Column.BLOB_CHUNKS, bytes(1, 2), bytes(1, 9)), false);
        try (BulkLoad load = kv.newBulkLoad(Column.BLOB_CHUNKS)) {
            load.put(bytes(1, 1), utf8("new1"));
            load.put(bytes(1, 3), utf8("new3"));
            load.ingest();
        }
        assertEquals("new1", text(kv.get(Column.BLOB_CHUNKS, bytes(1, 1))));
        assertNull(kv.get(Column.BLOB_CHUNKS, bytes(1, 2)));
        assertEquals("new3", text(kv.get(Column.BLOB_CHUNKS, bytes(1, 3))));
    }

    @Test
    void emptyBulkLoadIngestsNothingAndIsThenSpent() {
        BulkLoad load = kv.newBulkLoad(Column.BLOB_CHUNKS);
        load.ingest();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> load.put(bytes(1), utf8("late")));
        load.close();
        assertFalse(kv.scan(Column.BLOB_CHUNKS, new byte[0], bytes(0xFF)).next());
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    protected void put(Column column, byte[] key, String value) {
        kv.write(kv.newBatch().put(column, key, value.getBytes(StandardCharsets.UTF_8)), false);
    }

    /** The keys of a cursor in hex, closing it. */
    protected static List<String> keys(Cursor cursor) {
        List<String> keys = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) {
                keys.add(HEX.formatHex(cursor.key()));
            }
        }
        return keys;
    }

    protected static byte[] bytes(int... unsigned) {
        byte[] out = new byte[unsigned.length];
        for (int i = 0; i < unsigned.length; i++) {
            out[i] = (byte) unsigned[i];
        }
        return out;
    }

    private static ByteBuffer buffer(boolean direct, int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    /** The remaining bytes of a buffer as text, without moving it. */
    private static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    protected static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
