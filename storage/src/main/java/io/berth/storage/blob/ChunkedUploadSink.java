package io.berth.storage.blob;

import io.berth.storage.kv.BulkLoad;
import io.berth.storage.kv.Column;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.Keys;
import io.berth.storage.kv.RecordCodec;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes one request's bytes into an upload. They gather in one pooled direct buffer of a chunk; each full chunk
 * is appended to a bulk load (a segment) once more bytes follow it, or when the request ends. A full segment is
 * finished and ingested in the background while the request goes on, and the upload's new offset is recorded
 * after each ingest, so the record never runs ahead of stored bytes. When the request ends, the sink waits for
 * those ingests and stores the rest itself: bytes reach the disk once, in the store's own files. Less than a chunk
 * with no segment before it goes through the log instead. Each buffer written is hashed on a hashing thread while
 * the request thread copies and stores it ({@link UploadHashing}). Used by one request thread at a time.
 *
 * <p>The chunks that open and close a segment are stored as a small edge piece plus the rest (readers take chunks
 * of any size): RocksDB reads a table file's first and last entries when it ingests the file, to learn its key
 * range, and the pages of a file just written are not cached (its writer drops them), so with whole 1 MiB chunks
 * at the edges every ingest read 2 MiB back from the disk, about 5 of the 8 ms it took.
 */
final class ChunkedUploadSink implements UploadSink {
    /** What the sink tells its upload store when the request ends. */
    interface Owner {
        /** The running hash no longer matches the stored bytes: rebuild it for the next request. */
        void hashInvalid(String uploadId);

        /** The upload is free for its next request. */
        void released(String uploadId);
    }

    private final KeyValueStore kv;
    private final RecordCodec codec;
    private final Clock clock;
    private final ChunkBuffers buffers;
    private final SegmentIngester ingester;
    private final UploadHashing hashing;
    private final long segmentLimitBytes;
    private final Owner owner;
    private final UploadRecord upload;
    private final UploadHasher hasher;
    private final byte[] contentId;
    private final ByteBuffer buffer;
    /** Size of the pieces at a segment's edges: 4 KiB with 1 MiB chunks. */
    private final int edgeBytes;
    /** Where the next chunk starts: the recorded offset plus every chunk appended to a segment. */
    private long appended;
    private BulkLoad segment;
    private long segmentStart;
    /** Ingests of earlier segments of this request, in order. */
    private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);
    private boolean closed;
    /** Set when a write failed: close() then stores nothing more and the upload stays at its recorded offset. */
    private boolean failed;

    ChunkedUploadSink(KeyValueStore kv, RecordCodec codec, Clock clock, ChunkBuffers buffers, SegmentIngester ingester,
                      UploadHashing hashing, long segmentLimitBytes, Owner owner, UploadRecord upload,
                      UploadHasher hasher) {
        this.kv = kv;
        this.codec = codec;
        this.clock = clock;
        this.buffers = buffers;
        this.ingester = ingester;
        this.hashing = hashing;
        this.segmentLimitBytes = segmentLimitBytes;
        this.owner = owner;
        this.upload = upload;
        this.hasher = hasher;
        this.contentId = HexFormat.of().parseHex(upload.contentId());
        this.appended = upload.offset();
        this.buffer = buffers.acquire();
        this.edgeBytes = Math.max(2 * ChunkFormat.HEADER_BYTES,
                Math.min(4096, (buffer.capacity() - ChunkFormat.HEADER_BYTES) / 16));
        ChunkFormat.begin(buffer);
    }

    private int buffered() {
        return buffer.position() - ChunkFormat.HEADER_BYTES;
    }

    @Override
    public void write(ByteBuffer source) {
        if (failed) {
            throw new IllegalStateException("upload sink failed earlier in this request");
        }
        try {
            failIfAnIngestFailed();
            CompletableFuture<Void> hashed = hashing.update(hasher, source.duplicate());
            try {
                while (source.hasRemaining()) {
                    if (!buffer.hasRemaining()) {
                        appendChunk(false); // more bytes follow it
                    }
                    int take = Math.min(buffer.remaining(), source.remaining());
                    buffer.put(buffer.position(), source, source.position(), take);
                    buffer.position(buffer.position() + take);
                    source.position(source.position() + take);
                }
            } finally {
                hashed.join(); // the caller reuses the source once this returns
            }
        } catch (RuntimeException e) {
            // bytes hashed, buffered or appended may not be stored: only the upload's record is true now
            failed = true;
            throw e;
        }
    }

    @Override
    public long offset() {
        return appended + buffered();
    }

    private void failIfAnIngestFailed() {
        if (pending.isCompletedExceptionally()) {
            awaitPending(); // throws the ingest's failure
        }
    }

    /** Appends the buffered chunk to the segment; {@code endsRequest} when no byte of this request follows it. */
    private void appendChunk(boolean endsRequest) {
        int buffered = buffered();
        if (buffered == 0) {
            return;
        }
        if (segment != null && appended - segmentStart >= segmentLimitBytes) {
            // a full segment goes to the background only once more bytes follow it: a request that ends right
            // there ingests it itself, in parallel with other requests, instead of queueing for the ingesters
            ingestInBackground();
        }
        boolean opensSegment = segment == null;
        if (opensSegment) {
            segment = kv.newBulkLoad(Column.BLOB_CHUNKS);
            segmentStart = appended;
        }
        boolean closesSegment = endsRequest || appended + buffered - segmentStart >= segmentLimitBytes;
        int head = opensSegment ? edgeBytes : 0;
        int tail = closesSegment ? edgeBytes : 0;
        if (buffered < head + tail + edgeBytes) {
            head = 0; // small already
            tail = 0;
        }
        putPiece(0, head);
        putPiece(head, buffered - tail);
        putPiece(buffered - tail, buffered);
        appended += buffered;
        ChunkFormat.begin(buffer);
    }

    /** Stores payload bytes {@code [from, to)} of the buffered chunk as a chunk of their own (nothing if empty). */
    private void putPiece(int from, int to) {
        if (to > from) {
            segment.put(Keys.chunk(contentId, appended + from), ChunkFormat.piece(buffer, from, to));
        }
    }

    private void ingestInBackground() {
        BulkLoad full = segment;
        long end = appended;
        segment = null;
        pending = ingester.after(pending, () -> {
            try (full) {
                full.ingest();
            }
            record(end);
        }, full::close);
    }

    /** Records the upload's offset once every byte before {@code end} is stored. */
    private void record(long end) {
        kv.write(kv.newBatch().put(Column.UPLOADS, Keys.upload(upload.id()),
                codec.encode(upload.advancedTo(end, clock.millis()))), false);
    }

    /** Waits for the background ingests, then stores what is left; the upload is then free for its next request. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            awaitPending();
            if (failed) {
                owner.hashInvalid(upload.id());
            } else if (segment == null && appended == upload.offset() && buffered() > 0 && buffer.hasRemaining()) {
                storeSmallTail();
            } else {
                appendChunk(true); // may hand a full segment to the background first
                awaitPending();
                ingestRest();
            }
        } catch (RuntimeException e) {
            owner.hashInvalid(upload.id());
            throw e;
        } finally {
            if (segment != null) {
                segment.close();
            }
            buffers.release(buffer);
            owner.released(upload.id());
        }
    }

    /** Waits for every background ingest (even after a failure: none may touch the upload once it is released). */
    private void awaitPending() {
        try {
            pending.join();
        } catch (CompletionException e) {
            failed = true;
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void ingestRest() {
        if (segment != null) {
            try (BulkLoad last = segment) {
                segment = null;
                last.ingest();
            }
        }
        if (appended > upload.offset()) {
            record(appended);
        }
    }

    /**
     * Stores less than a chunk (a small blob, a short request) together with the new offset in one logged batch:
     * for a few bytes, a write-ahead log append is far cheaper than a table file and its ingest.
     */
    private void storeSmallTail() {
        kv.write(kv.newBatch()
                .put(Column.BLOB_CHUNKS, Keys.chunk(contentId, appended), buffer.duplicate().flip())
                .put(Column.UPLOADS, Keys.upload(upload.id()),
                        codec.encode(upload.advancedTo(appended + buffered(), clock.millis()))), false);
        appended += buffered();
        ChunkFormat.begin(buffer);
    }
}
