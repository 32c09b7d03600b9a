package io.berth.storage;

import static io.berth.storage.TestManifests.bytes;
import static io.berth.storage.TestManifests.descriptor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.storage.blob.BlobInfo;
import io.berth.storage.blob.ContentReader;
import io.berth.storage.blob.UploadSink;
import io.berth.storage.error.BlobUnknownException;
import io.berth.storage.error.BlobUploadInvalidException;
import io.berth.storage.error.BlobUploadUnknownException;
import io.berth.storage.error.DigestInvalidException;
import io.berth.storage.error.ManifestBlobUnknownException;
import io.berth.storage.error.ManifestReferencedException;
import io.berth.storage.error.ManifestUnknownException;
import io.berth.storage.error.NameUnknownException;
import io.berth.storage.error.RangeInvalidException;
import io.berth.storage.error.SizeInvalidException;
import io.berth.storage.error.StorageFullException;
import io.berth.storage.gc.GarbageCollector;
import io.berth.storage.kv.Column;
import io.berth.storage.kv.Cursor;
import io.berth.storage.kv.Keys;
import io.berth.storage.meta.ManifestStore;
import io.berth.storage.meta.Page;
import io.berth.storage.meta.PutManifestResult;
import io.berth.storage.meta.StoredManifest;
import io.berth.storage.model.Descriptor;
import io.berth.storage.model.Digest;
import io.berth.storage.model.DigestAlgorithm;
import io.berth.storage.model.MediaTypes;
import io.berth.storage.model.Reference;
import io.berth.storage.model.RepositoryName;
import io.berth.storage.model.Tag;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviour of the whole {@link Store}, run against every key-value store. Every test also checks (in
 * {@link StoreTestBase}) that the store closed every cursor it opened.
 */
public abstract class StoreContract extends StoreTestBase {
    private static final Duration GRACE = Duration.ofHours(1);

    // ---- uploads ----

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void commitStoresTheBlobUnderItsVerifiedDigest(DigestAlgorithm algorithm) {
        byte[] content = randomBytes(3 * CHUNK + 123);
        String id = startUpload(REPO, content, 5000, 7000, content.length);
        Digest digest = digest(algorithm, content);

        BlobInfo blob = store.uploads().commit(REPO, id, digest);

        assertEquals(new BlobInfo(digest, content.length), blob);
        assertEquals(blob, store.blobs().stat(REPO, digest).orElseThrow());
        assertArrayEquals(content, readFrom(digest, 0));
        assertThrows(BlobUploadUnknownException.class, () -> store.uploads().get(REPO, id));
        assertEquals(0, count(Column.UPLOADS));
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void wrongDigestLeavesNothingBehind(DigestAlgorithm algorithm) {
        byte[] content = randomBytes(2 * CHUNK + 1);
        String id = startUpload(REPO, content, CHUNK + 10, content.length);
        assertTrue(count(Column.BLOB_CHUNKS) >= 3);
        Digest wrong = digest(algorithm, randomBytes(10));

        assertThrows(DigestInvalidException.class, () -> store.uploads().commit(REPO, id, wrong));

        assertTrue(store.blobs().record(wrong).isEmpty());
        assertTrue(store.blobs().record(digest(algorithm, content)).isEmpty());
        assertThrows(BlobUploadUnknownException.class, () -> store.uploads().get(REPO, id));
        assertEquals(0, count(Column.UPLOADS));
        assertEquals(0, count(Column.BLOB_CHUNKS));
        assertEquals(0, count(Column.BLOBS));
        assertEquals(0, count(Column.LINKS));
    }

    @Test
    void emptyBlobIsStored() {
        BlobInfo blob = upload(REPO, new byte[0]);
        assertEquals(0, blob.size());
        assertEquals(Digest.sha256(new byte[0]), blob.digest());
        assertNull(store.blobs().open(blob.digest()).read(0));
    }

    @Test
    void readsServeAnyOffsetAcrossChunkBoundaries() {
        byte[] content = randomBytes(4 * CHUNK + 77);
        // sinks of 5000 bytes leave short chunks at 4096..5000 and 9096..10000: reads must cross them too
        String id = startUpload(REPO, content, 5000, 10_000, content.length);
        Digest digest = store.uploads().commit(REPO, id, Digest.sha256(content)).digest();

        for (int offset : new int[] {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 4999, 5000, 5001, 9096, 9999, 10_000,
                3 * CHUNK + 5, content.length - 1}) {
            assertArrayEquals(Arrays.copyOfRange(content, offset, content.length), readFrom(digest, offset),
                    "from offset " + offset);
        }
        ContentReader reader = store.blobs().open(digest);
        assertEquals(content.length, reader.size());
        assertNull(reader.read(content.length));
        assertNull(reader.read(content.length + 10L));
    }

    /** One reader serving a client that jumps around (Range requests), not only sequential reads. */
    @Test
    void oneReaderServesOffsetsInAnyOrder() {
        byte[] content = randomBytes(4 * CHUNK + 77);
        String id = startUpload(REPO, content, 5000, content.length);
        Digest digest = store.uploads().commit(REPO, id, Digest.sha256(content)).digest();
        ContentReader reader = store.blobs().open(digest);

        for (int offset : new int[] {0, CHUNK, 3 * CHUNK + 1, 5000, 4096, 4999, 9096, 1, content.length - 1, 0}) {
            ByteBuffer chunk = reader.read(offset);
            try {
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                assertTrue(bytes.length > 0, "at " + offset);
                assertArrayEquals(Arrays.copyOfRange(content, offset, offset + bytes.length), bytes, "at " + offset);
            } finally {
                reader.release(chunk);
            }
        }
    }

    @Test
    void openingAnUnknownBlobFails() {
        assertThrows(BlobUnknownException.class, () -> store.blobs().open(Digest.sha256(new byte[] {1})));
    }

    @Test
    void sinkRejectsContentThatDoesNotStartAtTheUploadsOffset() {
        byte[] content = randomBytes(2 * CHUNK);
        String id = startUpload(REPO, content, 5000);

        for (long wrongStart : new long[] {0, 4999, 5001}) {
            assertThrows(RangeInvalidException.class, () -> store.uploads().openSink(REPO, id, wrongStart),
                    "start " + wrongStart);
        }
        append(REPO, id, content, 5000, content.length);
        try (UploadSink sink = store.uploads().openSink(REPO, id, -1)) {
            assertEquals(content.length, sink.offset());
        }
        assertEquals(Digest.sha256(content), store.uploads().commit(REPO, id, Digest.sha256(content)).digest());
    }

    @Test
    void oneUploadAcceptsOneSinkAtATime() {
        byte[] content = randomBytes(100);
        String id = store.uploads().start(REPO).id();
        UploadSink first = store.uploads().openSink(REPO, id, 0);
        first.write(content, 0, 60);
        assertEquals(60, first.offset());

        assertThrows(BlobUploadInvalidException.class, () -> store.uploads().openSink(REPO, id, 0));
        assertThrows(BlobUploadInvalidException.class, () -> store.uploads().commit(REPO, id, Digest.sha256(content)));

        first.close();
        assertEquals(60, store.uploads().get(REPO, id).offset());
        append(REPO, id, content, 60, 100);
        assertEquals(100, store.uploads().commit(REPO, id, Digest.sha256(content)).size());
    }

    /**
     * A store that fails (a full disk) loses only that request's unstored bytes: the failure reaches the request
     * (while writing or when it ends), the upload stays at the offset of its last stored segment, and the client
     * can resume from there and commit.
     */
    @Test
    void failedChunkWriteLeavesTheUploadResumable() {
        byte[] content = randomBytes(3 * CHUNK + 10);
        String id = startUpload(REPO, content, 100);
        UploadSink sink = store.uploads().openSink(REPO, id, 100);
        kv.failNextWrites(1);

        assertTrue(writeFails(sink, content, 100), "the failed store is reported to the request");

        long offset = store.uploads().get(REPO, id).offset();
        assertTrue(offset >= 100 && offset <= content.length, "upload offset " + offset);
        append(REPO, id, content, (int) offset, content.length);
        assertEquals(content.length, store.uploads().commit(REPO, id, Digest.sha256(content)).size());
        assertArrayEquals(content, readFrom(Digest.sha256(content), 0));
    }

    /**
     * A segment that fails to store in the middle of a long request fails that request (while it writes or when it
     * ends) and leaves the upload at its stored offset: none of the bytes counted before the failure are stored.
     */
    @Test
    void failedSegmentMidRequestLeavesTheStoredOffset() {
        byte[] content = randomBytes(3 * 64 * CHUNK + 3 * CHUNK + 10);
        String id = startUpload(REPO, content, 100);
        kv.failNextWrites(1);
        UploadSink sink = store.uploads().openSink(REPO, id, 100);
        assertTrue(writeFails(sink, content, 100), "the failed ingest reaches the request");
        assertEquals(100, store.uploads().get(REPO, id).offset());

        append(REPO, id, content, 100, content.length);
        assertEquals(content.length, store.uploads().commit(REPO, id, Digest.sha256(content)).size());
        assertArrayEquals(content, readFrom(Digest.sha256(content), 0));
    }

    /** Writes {@code content} from {@code from} and closes the sink; true when either reported a full store. */
    private static boolean writeFails(UploadSink sink, byte[] content, int from) {
        boolean failed = false;
        try {
            sink.write(content, from, content.length - from);
        } catch (StorageFullException e) {
            failed = true;
        }
        try {
            sink.close();
        } catch (StorageFullException e) {
            failed = true;
        }
        return failed;
    }

    /** An upload cannot be cancelled while a request writes to it; afterwards it can, and nothing is left. */
    @Test
    void cancelWaitsForTheRequestWritingToTheUpload() {
        byte[] content = randomBytes(2 * CHUNK + 5);
        String id = store.uploads().start(REPO).id();
        UploadSink sink = store.uploads().openSink(REPO, id, 0);
        sink.write(content, 0, content.length);

        assertThrows(BlobUploadInvalidException.class, () -> store.uploads().cancel(REPO, id));

        sink.close();
        store.uploads().cancel(REPO, id);
        assertThrows(BlobUploadUnknownException.class, () -> store.uploads().get(REPO, id));
        assertEquals(0, count(Column.BLOB_CHUNKS));
        assertEquals(0, count(Column.UPLOADS));
    }

    /** Less than a chunk per request goes through the log; a request with full chunks writes a table file. */
    @Test
    void onlyRequestsWithFullChunksWriteTableFiles() {
        byte[] content = randomBytes(3 * CHUNK + 10);
        String id = startUpload(REPO, content, 100, 200);
        assertEquals(0, kv.bulkLoads(), "two small requests");
        append(REPO, id, content, 200, content.length);
        assertEquals(1, kv.bulkLoads(), "one request with full chunks");
        store.uploads().commit(REPO, id, Digest.sha256(content));
        assertArrayEquals(content, readFrom(Digest.sha256(content), 0));
    }

    /** A long request stores its bytes segment by segment: the recorded offset moves before the request ends. */
    @Test
    void longRequestStoresSegmentsAsItGoes() throws InterruptedException {
        int segment = 64 * CHUNK;
        byte[] content = randomBytes(2 * segment + 3 * CHUNK + 17);
        String id = store.uploads().start(REPO).id();
        try (UploadSink sink = store.uploads().openSink(REPO, id, 0)) {
            sink.write(content, 0, segment + CHUNK + 1); // a chunk is stored once a byte follows it
            assertEquals(segment + CHUNK + 1, sink.offset());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (store.uploads().get(REPO, id).offset() < segment && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(segment, store.uploads().get(REPO, id).offset(), "first segment stored mid-request");
            sink.write(content, segment + CHUNK + 1, content.length - segment - CHUNK - 1);
        }
        assertEquals(content.length, store.uploads().get(REPO, id).offset());
        Digest digest = Digest.sha256(content);
        store.uploads().commit(REPO, id, digest);
        assertArrayEquals(content, readFrom(digest, 0));
        assertArrayEquals(Arrays.copyOfRange(content, segment - 5, content.length), readFrom(digest, segment - 5));
    }

    /**
     * The chunks at the edges of each segment's table file are stored as small pieces (RocksDB reads a file's first
     * and last entries when it ingests it), and reads across every piece boundary return the right bytes.
     */
    @Test
    void segmentsStartAndEndWithSmallPiecesThatReadBackSeamlessly() {
        int segment = 64 * CHUNK;
        int edge = CHUNK / 16; // the sink's edge piece for chunks this small
        byte[] content = randomBytes(2 * segment + 3 * CHUNK + 17);
        Digest digest = upload(REPO, content).digest();

        java.util.TreeMap<Long, Integer> pieces = new java.util.TreeMap<>();
        byte[] contentId = java.util.HexFormat.of().parseHex(store.blobs().record(digest).orElseThrow().contentId());
        try (Cursor cursor = kv.scan(Column.BLOB_CHUNKS, Keys.chunksStart(contentId), Keys.chunksEnd(contentId))) {
            while (cursor.next()) {
                pieces.put(Keys.chunkOffset(cursor.key()), cursor.value().length - 1);
            }
        }
        for (long start : new long[] {0, segment, 2L * segment}) {
            assertEquals(edge, pieces.get(start), "piece opening the segment at " + start);
        }
        for (long end : new long[] {segment, 2L * segment}) {
            java.util.Map.Entry<Long, Integer> last = pieces.lowerEntry(end);
            assertEquals(end, last.getKey() + last.getValue(), "a piece ends the segment at " + end);
            assertEquals(edge, last.getValue(), "piece closing the segment at " + end);
        }
        assertEquals(17, pieces.lastEntry().getValue(), "a short last chunk is not split further");
        assertEquals(content.length, pieces.values().stream().mapToLong(Integer::longValue).sum());

        for (long boundary : pieces.keySet()) {
            for (long offset = Math.max(0, boundary - 2); offset <= Math.min(content.length - 1, boundary + 1); offset++) {
                assertArrayEquals(Arrays.copyOfRange(content, (int) offset, content.length), readFrom(digest, offset),
                        "from " + offset);
            }
        }
    }

    /**
     * A request that ends with a full segment and a partial chunk hands that segment to the background as it ends;
     * its offset must still be recorded before the request's own last one, never after it.
     */
    @Test
    void requestEndingAfterAFullSegmentRecordsItsWholeOffset() {
        kv.delayBackgroundIngests(200);
        int segment = 64 * CHUNK;
        byte[] content = randomBytes(2 * segment + 10);
        String id = store.uploads().start(REPO).id();
        append(REPO, id, content, 0, content.length);
        assertEquals(content.length, store.uploads().get(REPO, id).offset());

        store.uploads().commit(REPO, id, Digest.sha256(content));
        assertArrayEquals(content, readFrom(Digest.sha256(content), 0));
    }

    /**
     * Chunks stored past the recorded offset (a crash between storing a segment and recording it) are dropped when
     * the upload resumes, so bytes re-sent differently are the ones every read sees, from any offset.
     */
    @Test
    void bytesStoredPastTheRecordedOffsetAreReplacedOnResume() {
        byte[] content = randomBytes(6 * CHUNK);
        String id = startUpload(REPO, content, 2 * CHUNK);
        String contentId = store.uploads().get(REPO, id).contentId();
        byte[] stale = randomBytes(CHUNK + 1);
        stale[0] = 1; // the chunk format byte
        try (var load = kv.newBulkLoad(Column.BLOB_CHUNKS)) {
            byte[] cid = java.util.HexFormat.of().parseHex(contentId);
            load.put(io.berth.storage.kv.Keys.chunk(cid, 2L * CHUNK + 100), ByteBuffer.wrap(stale));
            load.put(io.berth.storage.kv.Keys.chunk(cid, 4L * CHUNK + 7), ByteBuffer.wrap(stale));
            load.ingest();
        }

        append(REPO, id, content, 2 * CHUNK, content.length);
        Digest digest = Digest.sha256(content);
        store.uploads().commit(REPO, id, digest);
        for (int offset : new int[] {0, 2 * CHUNK + 100, 2 * CHUNK + 101, 4 * CHUNK + 7, 4 * CHUNK + 8, 6 * CHUNK - 1}) {
            assertArrayEquals(Arrays.copyOfRange(content, offset, content.length), readFrom(digest, offset),
                    "bytes from " + offset);
        }
    }

    @Test
    void uploadBelongsToItsRepository() {
        byte[] content = randomBytes(10);
        String id = startUpload(REPO, content, content.length);
        Digest digest = Digest.sha256(content);

        assertThrows(BlobUploadUnknownException.class, () -> store.uploads().get(OTHER, id));
        assertThrows(BlobUploadUnknownException.class, () -> store.uploads().openSink(OTHER, id, -1));
        assertThrows(BlobUploadUnknownException.class, () -> store.uploads().commit(OTHER, id, digest));
        assertThrows(BlobUploadUnknownException.class, () -> store.uploads().cancel(OTHER, id));
        assertThrows(BlobUploadUnknownException.class, () -> store.uploads().get(REPO, "../" + id));
        assertThrows(BlobUploadUnknownException.class, () -> store.uploads().get(REPO, null));

        assertEquals(REPO.value(), store.uploads().get(REPO, id).repository());
        store.uploads().commit(REPO, id, digest);
        assertTrue(store.blobs().stat(OTHER, digest).isEmpty());
    }

    @Test
    void cancelRemovesTheUploadAndItsChunks() {
        String id = startUpload(REPO, randomBytes(3 * CHUNK), 3 * CHUNK);
        store.uploads().cancel(REPO, id);
        assertThrows(BlobUploadUnknownException.class, () -> store.uploads().get(REPO, id));
        assertEquals(0, count(Column.BLOB_CHUNKS));
    }

    @Test
    void sameContentUploadedTwiceIsStoredOnce() {
        byte[] content = randomBytes(3 * CHUNK + 5);
        BlobInfo first = upload(REPO, content);
        int chunks = count(Column.BLOB_CHUNKS);
        long createdAt = store.blobs().record(first.digest()).orElseThrow().createdAt();
        clock.advance(Duration.ofMinutes(5));

        BlobInfo second = upload(OTHER, content);

        assertEquals(first, second);
        assertEquals(chunks, count(Column.BLOB_CHUNKS));
        assertEquals(1, count(Column.BLOBS));
        assertEquals(createdAt, store.blobs().record(first.digest()).orElseThrow().createdAt());
        assertEquals(clock.millis(), store.blobs().record(first.digest()).orElseThrow().touchedAt());
        assertTrue(store.blobs().stat(REPO, first.digest()).isPresent());
        assertTrue(store.blobs().stat(OTHER, first.digest()).isPresent());
        assertArrayEquals(content, readFrom(first.digest(), 0));
    }

    /**
     * Pushes of one layer to several repositories at once (CI jobs sharing a base image) commit the same digest
     * concurrently. Exactly one copy of the bytes may remain: a chunk range no blob record points to is never
     * collected.
     */
    @Test
    void concurrentCommitsOfOneContentKeepOneCopy() throws Exception {
        List<RepositoryName> repositories = List.of(REPO, OTHER, THIRD, RepositoryName.of("fourth"));
        int rounds = 20;
        ExecutorService pool = Executors.newFixedThreadPool(repositories.size());
        try {
            for (int round = 0; round < rounds; round++) {
                byte[] content = randomBytes(2 * CHUNK + 1);
                List<String> ids = repositories.stream().map(r -> startUpload(r, content, content.length)).toList();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<BlobInfo>> commits = new ArrayList<>();
                for (int i = 0; i < repositories.size(); i++) {
                    RepositoryName repository = repositories.get(i);
                    String id = ids.get(i);
                    commits.add(pool.submit(() -> {
                        start.await();
                        return store.uploads().commit(repository, id, Digest.sha256(content));
                    }));
                }
                start.countDown();
                for (Future<BlobInfo> commit : commits) {
                    assertEquals(content.length, commit.get().size());
                }
                assertArrayEquals(content, readFrom(Digest.sha256(content), 0));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(rounds, count(Column.BLOBS));
        assertEquals(rounds * (2L * CHUNK + 1), storedChunkBytes(), "one copy of each blob's bytes");
    }

    /** Bytes large enough to be hashed off the writing thread, so that the tests below go through it. */
    private static final int HASHED_APART = 96 << 10;

    /** A writer may reuse its buffer as soon as write returns: the bytes were hashed by then, not later. */
    @Test
    void aBufferMayBeReusedAsSoonAsWriteReturns() {
        byte[] content = randomBytes(5 * HASHED_APART + 7);
        ByteBuffer reused = ByteBuffer.allocateDirect(HASHED_APART);
        String id = store.uploads().start(REPO).id();
        try (UploadSink sink = store.uploads().openSink(REPO, id, 0)) {
            for (int from = 0; from < content.length; from += HASHED_APART) {
                sink.write(reused.clear().put(content, from, Math.min(HASHED_APART, content.length - from)).flip());
                reused.clear().put(new byte[HASHED_APART]); // overwritten right away
            }
        }
        Digest digest = Digest.sha256(content);
        assertEquals(content.length, store.uploads().commit(REPO, id, digest).size());
        assertArrayEquals(content, readFrom(digest, 0));
    }

    /** Uploads written at once share the hashing threads, and each keeps its own running hash. */
    @Test
    void uploadsWrittenAtOnceEachCommitUnderTheirOwnDigest() throws Exception {
        int uploads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(uploads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<byte[]> contents = new ArrayList<>();
            List<Future<BlobInfo>> commits = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                byte[] content = randomBytes(4 * HASHED_APART + 31 * i);
                String id = store.uploads().start(REPO).id();
                contents.add(content);
                commits.add(pool.submit(() -> {
                    start.await();
                    try (UploadSink sink = store.uploads().openSink(REPO, id, 0)) {
                        for (int from = 0; from < content.length; from += HASHED_APART) {
                            sink.write(content, from, Math.min(HASHED_APART, content.length - from));
                        }
                    }
                    return store.uploads().commit(REPO, id, Digest.sha256(content));
                }));
            }
            start.countDown();
            for (int i = 0; i < uploads; i++) {
                assertEquals(Digest.sha256(contents.get(i)), commits.get(i).get().digest());
                assertArrayEquals(contents.get(i), readFrom(Digest.sha256(contents.get(i)), 0));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void uploadContinuesAfterARestartWithItsHashRebuilt() {
        byte[] content = randomBytes(3 * CHUNK + 999);
        String id = startUpload(REPO, content, 5000);

        restart();

        assertEquals(5000, store.uploads().get(REPO, id).offset());
        append(REPO, id, content, 5000, content.length);
        BlobInfo blob = store.uploads().commit(REPO, id, Digest.sha256(content));
        assertEquals(content.length, blob.size());
        assertArrayEquals(content, readFrom(blob.digest(), 0));
    }

    @Test
    void purgeIdleSinceRemovesOnlyIdleUploadsNotBeingWritten() {
        String idle = startUpload(REPO, randomBytes(2 * CHUNK), 2 * CHUNK);
        String busy = store.uploads().start(REPO).id();
        clock.advance(Duration.ofHours(2));
        String recent = store.uploads().start(OTHER).id();

        try (UploadSink sink = store.uploads().openSink(REPO, busy, 0)) {
            sink.write(new byte[10], 0, 10);
            assertEquals(1, store.uploads().purgeIdleSince(clock.instant().minus(GRACE)));
        }

        assertThrows(BlobUploadUnknownException.class, () -> store.uploads().get(REPO, idle));
        assertEquals(10, store.uploads().get(REPO, busy).offset());
        assertEquals(0, store.uploads().get(OTHER, recent).offset());
        assertEquals(1, count(Column.BLOB_CHUNKS)); // the 10 bytes of the busy upload
    }

    // ---- blobs across repositories ----

    @Test
    void mountLinksABlobHeldByTheSourceRepository() {
        BlobInfo blob = upload(REPO, randomBytes(CHUNK + 1));
        clock.advance(Duration.ofMinutes(1));

        assertEquals(blob, store.uploads().mount(OTHER, REPO, blob.digest()).orElseThrow());

        assertEquals(blob, store.blobs().stat(OTHER, blob.digest()).orElseThrow());
        assertEquals(clock.millis(), store.blobs().record(blob.digest()).orElseThrow().touchedAt());
        assertTrue(store.repositories().find(OTHER).isPresent());
    }

    @Test
    void mountFromARepositoryThatLacksTheBlobLinksNothing() {
        BlobInfo blob = upload(REPO, randomBytes(10));

        assertTrue(store.uploads().mount(OTHER, THIRD, blob.digest()).isEmpty());
        assertTrue(store.uploads().mount(OTHER, REPO, Digest.sha256(new byte[] {42})).isEmpty());

        assertTrue(store.blobs().stat(OTHER, blob.digest()).isEmpty());
    }

    @Test
    void unlinkHidesTheBlobFromOneRepositoryOnly() {
        byte[] content = randomBytes(10);
        BlobInfo blob = upload(REPO, content);
        upload(OTHER, content);

        store.blobs().unlink(REPO, blob.digest());

        assertTrue(store.blobs().stat(REPO, blob.digest()).isEmpty());
        assertTrue(store.blobs().stat(OTHER, blob.digest()).isPresent());
        assertTrue(store.blobs().record(blob.digest()).isPresent());
        assertThrows(BlobUnknownException.class, () -> store.blobs().unlink(REPO, blob.digest()));
    }

    // ---- manifests and tags ----

    @Test
    void manifestPushedByTagIsReadByTagAndByDigest() {
        Image image = pushImage(REPO, "v1");

        assertEquals(Digest.sha256(image.manifest()), image.digest());
        for (String reference : List.of("v1", image.digest().toString())) {
            StoredManifest stored = store.manifests().get(REPO, Reference.parse(reference));
            assertEquals(image.digest(), stored.digest());
            assertEquals(MediaTypes.OCI_MANIFEST, stored.mediaType());
            assertArrayEquals(image.manifest(), stored.content());
        }
        assertEquals(List.of(Tag.of("v1")), store.manifests().tagsOf(REPO, image.digest()));
        assertThrows(ManifestUnknownException.class, () -> store.manifests().get(OTHER, Reference.parse("v1")));
    }

    @Test
    void manifestPushedByDigestMustMatchIt() {
        Image image = pushImage(REPO, "v1");
        byte[] other = bytes(Map.of("schemaVersion", 2, "mediaType", MediaTypes.OCI_MANIFEST,
                "config", descriptor(TestManifests.CONFIG, image.config().digest(), image.config().size()),
                "layers", List.of()));

        assertThrows(DigestInvalidException.class, () -> store.manifests().put(REPO,
                Reference.parse(image.digest().toString()), MediaTypes.OCI_MANIFEST, other));
        assertTrue(store.manifests().find(REPO, Digest.sha256(other)).isEmpty());

        PutManifestResult byDigest = store.manifests().put(REPO, Reference.parse(Digest.sha256(other).toString()),
                MediaTypes.OCI_MANIFEST, other);
        assertEquals(Digest.sha256(other), byDigest.digest());
        assertEquals(List.of(), store.manifests().tagsOf(REPO, byDigest.digest()));
        Digest sha512 = Digest.of(DigestAlgorithm.SHA512, other);
        assertEquals(sha512, store.manifests().put(REPO, new Reference.ByDigest(sha512), null, other).digest());
    }

    @Test
    void manifestWhoseBlobIsMissingFromTheRepositoryIsRefused() {
        BlobInfo config = upload(REPO, randomBytes(20));
        BlobInfo elsewhere = upload(OTHER, randomBytes(30));
        Digest nowhere = Digest.sha256(new byte[] {7});

        for (Digest layer : List.of(elsewhere.digest(), nowhere)) {
            byte[] manifest = bytes(TestManifests.image(descriptor(TestManifests.CONFIG, config.digest(), 20),
                    descriptor(TestManifests.LAYER, layer, 30)));
            ManifestBlobUnknownException error = assertThrows(ManifestBlobUnknownException.class,
                    () -> putManifest(REPO, "v1", manifest));
            assertEquals(layer.toString(), error.detail());
        }
        assertTrue(store.manifests().resolveTag(REPO, Tag.of("v1")).isEmpty());
        assertEquals(0, count(Column.MANIFESTS));
    }

    @Test
    void indexWhoseChildIsMissingIsRefused() {
        Image child = pushImage(REPO, "amd64");
        Map<String, Object> missing = descriptor(MediaTypes.OCI_MANIFEST, Digest.sha256(new byte[] {1}), 100);

        assertThrows(ManifestBlobUnknownException.class,
                () -> putManifest(REPO, "multi", bytes(TestManifests.index(manifestDescriptor(child), missing))));

        Digest index = putManifest(REPO, "multi", bytes(TestManifests.index(manifestDescriptor(child)))).digest();
        assertEquals(List.of(child.digest().toString()),
                store.manifests().find(REPO, index).orElseThrow().children());
    }

    @Test
    void oversizedManifestIsRefused() {
        byte[] huge = new byte[ManifestStore.MAX_MANIFEST_BYTES + 1];
        assertThrows(SizeInvalidException.class,
                () -> store.manifests().put(REPO, Reference.parse("v1"), MediaTypes.OCI_MANIFEST, huge));
    }

    @Test
    void tagsAreListedInByteOrderPageByPage() {
        Image image = pushImage(REPO, "v2");
        for (String tag : List.of("V1", "latest", "a", "Z", "v10", "_x", "a.b")) {
            putManifest(REPO, tag, image.manifest());
        }
        List<String> expected = List.of("V1", "Z", "_x", "a", "a.b", "latest", "v10", "v2");

        assertEquals(new Page(expected, false), store.manifests().tags(REPO, null, null));
        assertEquals(new Page(expected.subList(0, 3), true), store.manifests().tags(REPO, null, 3));
        assertEquals(new Page(expected.subList(3, 6), true), store.manifests().tags(REPO, "_x", 3));
        assertEquals(new Page(expected.subList(6, 8), false), store.manifests().tags(REPO, "latest", 3));
        assertEquals(new Page(expected.subList(6, 8), false), store.manifests().tags(REPO, "latest", 2));
        assertEquals(new Page(expected.subList(4, 8), false), store.manifests().tags(REPO, "a", null));
        assertEquals(new Page(List.of(), false), store.manifests().tags(REPO, "v2", 5));
        assertThrows(NameUnknownException.class, () -> store.manifests().tags(THIRD, null, null));
    }

    @Test
    void aListedTagListIsKeptInMemoryAndEveryTagChangeShowsAtOnce() {
        Image image = pushImage(REPO, "v1");
        Image other = pushImage(OTHER, "o1");
        assertTrue(store.manifests().cachedTags(REPO).isEmpty(), "nothing kept before a listing");

        Page listed = store.manifests().tags(REPO, null, null);
        assertEquals(List.of("v1"), listed.items());
        assertSame(listed, store.manifests().cachedTags(REPO).orElseThrow());
        assertSame(listed, store.manifests().tags(REPO, null, null), "the kept list answers the next listing");

        putManifest(REPO, "v2", image.manifest());
        assertTrue(store.manifests().cachedTags(REPO).isEmpty(), "a new tag drops the kept list");
        assertEquals(List.of("v1", "v2"), store.manifests().tags(REPO, null, null).items());

        putManifest(OTHER, "o2", other.manifest());
        assertEquals(List.of("v1", "v2"), store.manifests().tags(REPO, null, null).items());
        assertEquals(List.of("o1", "o2"), store.manifests().tags(OTHER, null, null).items());

        store.manifests().deleteTag(REPO, Tag.of("v1"));
        assertEquals(List.of("v2"), store.manifests().tags(REPO, null, null).items());
        store.manifests().delete(REPO, image.digest());
        assertEquals(List.of(), store.manifests().tags(REPO, null, null).items());
        assertEquals(new Page(List.of("o1"), true), store.manifests().tags(OTHER, null, 1));
        assertEquals(List.of("o2"), store.manifests().tags(OTHER, "o1", null).items());
    }

    @Test
    void retagMovesTheTagFromOneManifestToTheOther() {
        Image first = pushImage(REPO, "latest");
        Image second = pushImage(REPO, "latest");

        assertEquals(second.digest(), store.manifests().resolveTag(REPO, Tag.of("latest")).orElseThrow());
        assertEquals(List.of(), store.manifests().tagsOf(REPO, first.digest()));
        assertEquals(List.of(Tag.of("latest")), store.manifests().tagsOf(REPO, second.digest()));
        assertEquals(List.of("latest"), store.manifests().tags(REPO, null, null).items());
        assertArrayEquals(first.manifest(),
                store.manifests().get(REPO, new Reference.ByDigest(first.digest())).content());

        putManifest(REPO, "latest", second.manifest()); // same digest again: nothing changes
        assertEquals(List.of(Tag.of("latest")), store.manifests().tagsOf(REPO, second.digest()));
    }

    @Test
    void deletingAManifestRemovesItsTagsReferencesAndReferrerEntry() {
        Image subject = pushImage(REPO, "v1");
        Digest signature = pushReferrer(REPO, subject, "application/vnd.example.signature", Map.of());
        putManifest(REPO, "sig", store.manifests().get(REPO, new Reference.ByDigest(signature)).content());
        putManifest(REPO, "sig-too", store.manifests().get(REPO, new Reference.ByDigest(signature)).content());

        store.manifests().delete(REPO, signature);

        assertThrows(ManifestUnknownException.class,
                () -> store.manifests().get(REPO, new Reference.ByDigest(signature)));
        assertTrue(store.manifests().resolveTag(REPO, Tag.of("sig")).isEmpty());
        assertEquals(List.of(), store.manifests().tagsOf(REPO, signature));
        assertEquals(List.of("v1"), store.manifests().tags(REPO, null, null).items());
        assertEquals(List.of(), store.referrers().list(REPO, subject.digest(), null));
        assertThrows(ManifestUnknownException.class, () -> store.manifests().delete(REPO, signature));
    }

    @Test
    void childOfAnIndexCannotBeDeletedBeforeTheIndex() {
        Image child = pushImage(REPO, "amd64");
        Digest index = putManifest(REPO, "multi", bytes(TestManifests.index(manifestDescriptor(child)))).digest();

        ManifestReferencedException error = assertThrows(ManifestReferencedException.class,
                () -> store.manifests().delete(REPO, child.digest()));
        assertEquals(child.digest().toString(), error.detail());
        assertTrue(store.manifests().find(REPO, child.digest()).isPresent());

        store.manifests().delete(REPO, index);
        store.manifests().delete(REPO, child.digest());
        assertTrue(store.manifests().find(REPO, child.digest()).isEmpty());
    }

    @Test
    void deleteTagKeepsTheManifest() {
        Image image = pushImage(REPO, "v1");
        putManifest(REPO, "v1.0", image.manifest());

        store.manifests().deleteTag(REPO, Tag.of("v1"));

        assertTrue(store.manifests().resolveTag(REPO, Tag.of("v1")).isEmpty());
        assertEquals(List.of(Tag.of("v1.0")), store.manifests().tagsOf(REPO, image.digest()));
        assertTrue(store.manifests().find(REPO, image.digest()).isPresent());
        assertThrows(ManifestUnknownException.class, () -> store.manifests().deleteTag(REPO, Tag.of("v1")));
    }

    @Test
    void repositoriesWhoseNamesArePrefixesOfOthersShareNothing() {
        RepositoryName app = RepositoryName.of("team/app");
        RepositoryName longer = RepositoryName.of("team/app-x");
        RepositoryName nested = RepositoryName.of("team/app/x");
        Image image = pushImage(longer, "v1");
        pushImage(nested, "v2");
        pushReferrer(longer, image, "application/vnd.example.sbom", Map.of());

        assertThrows(NameUnknownException.class, () -> store.manifests().tags(app, null, null));
        pushImage(app, "mine");
        assertEquals(List.of("mine"), store.manifests().tags(app, null, null).items());
        assertTrue(store.manifests().resolveTag(app, Tag.of("v1")).isEmpty());
        assertTrue(store.blobs().stat(app, image.layer().digest()).isEmpty());
        assertEquals(List.of(), store.referrers().list(app, image.digest(), null));
    }

    // ---- referrers ----

    @Test
    void referrersAreListedAndFilteredByArtifactType() {
        Image subject = pushImage(REPO, "v1");
        Digest sbom = pushReferrer(REPO, subject, "application/vnd.example.sbom", Map.of("created", "today"));
        Digest signature = pushReferrer(REPO, subject, null, Map.of());

        List<Descriptor> all = store.referrers().list(REPO, subject.digest(), null);
        assertEquals(Set.of(sbom, signature), Set.copyOf(all.stream().map(Descriptor::digest).toList()));

        List<Descriptor> sboms = store.referrers().list(REPO, subject.digest(), "application/vnd.example.sbom");
        assertEquals(1, sboms.size());
        Descriptor found = sboms.get(0);
        assertEquals(sbom, found.digest());
        assertEquals(MediaTypes.OCI_MANIFEST, found.mediaType());
        assertEquals(store.manifests().find(REPO, sbom).orElseThrow().size(), found.size());
        assertEquals(Map.of("created", "today"), found.annotations());
        // without artifactType, a referrer's type is its config's media type
        assertEquals(List.of(signature), store.referrers().list(REPO, subject.digest(), REFERRER_CONFIG).stream()
                .map(Descriptor::digest).toList());
        assertEquals(List.of(), store.referrers().list(REPO, subject.digest(), "application/other"));
        assertEquals(List.of(), store.referrers().list(OTHER, subject.digest(), null));
    }

    @Test
    void referrersOfASubjectThatDoesNotExist() {
        Image image = pushImage(REPO, "v1");
        Digest absent = Digest.sha256(new byte[] {9});
        assertEquals(List.of(), store.referrers().list(REPO, absent, null));

        Image ghost = new Image(absent, new byte[] {9}, image.config(), image.layer());
        Digest referrer = pushReferrer(REPO, ghost, "application/vnd.example.sbom", Map.of());

        assertEquals(List.of(referrer), store.referrers().list(REPO, absent, null).stream()
                .map(Descriptor::digest).toList());
    }

    private static final String REFERRER_CONFIG = "application/vnd.example.signature.config";

    /** Pushes an artifact whose subject is {@code subject}; without artifactType its config type stands in. */
    private Digest pushReferrer(RepositoryName repository, Image subject, String artifactType,
                                Map<String, String> annotations) {
        BlobInfo config = upload(repository, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        BlobInfo payload = upload(repository, randomBytes(50));
        Map<String, Object> manifest = TestManifests.image(
                descriptor(artifactType == null ? REFERRER_CONFIG : MediaTypes.OCI_EMPTY, config.digest(), 2),
                descriptor("application/octet-stream", payload.digest(), 50));
        manifest.put("subject", manifestDescriptor(subject));
        if (artifactType != null) {
            manifest.put("artifactType", artifactType);
        }
        manifest.put("annotations", annotations);
        byte[] body = bytes(manifest);
        PutManifestResult result = putManifest(repository, Digest.sha256(body).toString(), body);
        assertEquals(subject.digest(), result.subject());
        return result.digest();
    }

    // ---- catalog ----

    @Test
    void catalogPagesThroughRepositoriesInByteOrder() {
        for (String name : List.of("b", "a/z", "c/d/e", "a", "a-b")) {
            store.uploads().start(RepositoryName.of(name));
        }
        assertEquals(new Page(List.of("a", "a-b", "a/z", "b", "c/d/e"), false), store.repositories().list(null, null));
        assertEquals(new Page(List.of("a", "a-b"), true), store.repositories().list(null, 2));
        assertEquals(new Page(List.of("a/z", "b"), true), store.repositories().list("a-b", 2));
        assertEquals(new Page(List.of("c/d/e"), false), store.repositories().list("b", 2));
        assertEquals(new Page(List.of("a-b", "a/z", "b", "c/d/e"), false), store.repositories().list("a", null));
    }

    // ---- garbage collection ----

    @Test
    void unreferencedBlobOlderThanGraceIsCollectedWithItsLinks() {
        byte[] content = randomBytes(3 * CHUNK);
        BlobInfo blob = upload(REPO, content);
        store.uploads().mount(OTHER, REPO, blob.digest());
        clock.advance(GRACE.plusSeconds(1));

        GarbageCollector.Report report = store.collector().collect(GRACE);

        assertEquals(new GarbageCollector.Report(1, 1, content.length), report);
        assertTrue(store.blobs().record(blob.digest()).isEmpty());
        assertTrue(store.blobs().stat(REPO, blob.digest()).isEmpty());
        assertTrue(store.blobs().stat(OTHER, blob.digest()).isEmpty());
        assertEquals(0, count(Column.BLOB_CHUNKS));
        assertEquals(0, count(Column.LINKS));
        assertThrows(BlobUnknownException.class, () -> store.blobs().open(blob.digest()));
    }

    @Test
    void referencedBlobsAreKept() {
        Image image = pushImage(REPO, "v1");
        BlobInfo orphan = upload(REPO, randomBytes(10));
        clock.advance(GRACE.multipliedBy(10));

        GarbageCollector.Report report = store.collector().collect(GRACE);

        assertEquals(new GarbageCollector.Report(3, 1, 10), report);
        assertTrue(store.blobs().record(orphan.digest()).isEmpty());
        assertTrue(store.blobs().stat(REPO, image.config().digest()).isPresent());
        assertEquals(image.layer().size(), readFrom(image.layer().digest(), 0).length);
    }

    @Test
    void blobsCommittedOrMountedWithinGraceAreKept() {
        BlobInfo stale = upload(REPO, randomBytes(10));
        BlobInfo remounted = upload(REPO, randomBytes(20));
        clock.advance(GRACE.minusMinutes(1));
        BlobInfo recent = upload(OTHER, randomBytes(30));
        clock.advance(Duration.ofMinutes(2));
        store.uploads().mount(THIRD, REPO, remounted.digest());

        GarbageCollector.Report report = store.collector().collect(GRACE);

        assertEquals(new GarbageCollector.Report(3, 1, 10), report);
        assertTrue(store.blobs().record(stale.digest()).isEmpty());
        assertTrue(store.blobs().stat(OTHER, recent.digest()).isPresent());
        assertTrue(store.blobs().stat(THIRD, remounted.digest()).isPresent());
    }

    @Test
    void blobReferencedOnlyByADeletedManifestIsCollected() {
        Image deleted = pushImage(REPO, "v1");
        Image kept = pushImage(OTHER, "v1");
        store.manifests().delete(REPO, deleted.digest());
        clock.advance(GRACE.plusSeconds(1));

        GarbageCollector.Report report = store.collector().collect(GRACE);

        assertEquals(2, report.blobsDeleted());
        assertTrue(store.blobs().record(deleted.config().digest()).isEmpty());
        assertTrue(store.blobs().record(deleted.layer().digest()).isEmpty());
        assertTrue(store.blobs().stat(OTHER, kept.layer().digest()).isPresent());
        assertEquals(0, store.collector().collect(GRACE).blobsDeleted());
    }

    @Test
    void blobSharedWithAManifestOfAnotherRepositoryIsKept() {
        Image image = pushImage(REPO, "v1");
        store.uploads().mount(OTHER, REPO, image.layer().digest());
        store.manifests().delete(REPO, image.digest());
        Digest other = putManifest(OTHER, "v1", bytes(TestManifests.image(
                descriptor(TestManifests.CONFIG, image.layer().digest(), image.layer().size())))).digest();
        clock.advance(GRACE.plusSeconds(1));

        store.collector().collect(GRACE);

        assertTrue(store.blobs().record(image.config().digest()).isEmpty());
        assertTrue(store.blobs().stat(OTHER, image.layer().digest()).isPresent());
        assertTrue(store.manifests().find(OTHER, other).isPresent());
    }

    // ---- concurrency ----

    @Test
    void concurrentPushesOfOneTagLeaveItConsistent() throws Exception {
        int threads = 6;
        int pushesEach = 15;
        BlobInfo config = upload(REPO, randomBytes(100));
        Set<Digest> pushed = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < pushesEach; i++) {
                        Map<String, Object> manifest = TestManifests.image(
                                descriptor(TestManifests.CONFIG, config.digest(), config.size()));
                        manifest.put("annotations", Map.of("push", thread + "-" + i));
                        pushed.add(putManifest(REPO, "latest", bytes(manifest)).digest());
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

        assertEquals(threads * pushesEach, pushed.size());
        Digest latest = store.manifests().resolveTag(REPO, Tag.of("latest")).orElseThrow();
        assertTrue(pushed.contains(latest));
        for (Digest digest : pushed) {
            List<Tag> expected = digest.equals(latest) ? List.of(Tag.of("latest")) : List.of();
            assertEquals(expected, store.manifests().tagsOf(REPO, digest), digest.toString());
        }
        assertEquals(List.of("latest"), store.manifests().tags(REPO, null, null).items());
        assertFalse(store.manifests().tags(REPO, null, null).more());
    }
}
