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
 * is appended to a bulk load (a segment). A full segment is finished and ingested in the background while the
 * request goes on, and the upload's new offset is recorded after each ingest, so the record never runs ahead of
 * stored bytes. When the request ends, the sink waits for those ingests and stores the rest itself: bytes reach
 * the disk once, in the store's own files. Less than a chunk with no segment before it goes through the log
 * instead. Used by one request thread at a time.
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
    private final long segmentLimitBytes;
    private final Owner owner;
    private final UploadRecord upload;
    private final UploadHasher hasher;
    private final byte[] contentId;
    private final ByteBuffer buffer;
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
                      long segmentLimitBytes, Owner owner, UploadRecord upload, UploadHasher hasher) {
        this.kv = kv;
        this.codec = codec;
        this.clock = clock;
        this.buffers = buffers;
        this.ingester = ingester;
        this.segmentLimitBytes = segmentLimitBytes;
        this.owner = owner;
        this.upload = upload;
        this.hasher = hasher;
        this.contentId = HexFormat.of().parseHex(upload.contentId());
        this.appended = upload.offset();
        this.buffer = buffers.acquire();
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
            hasher.update(source.duplicate());
            while (source.hasRemaining()) {
                int take = Math.min(buffer.remaining(), source.remaining());
                buffer.put(buffer.position(), source, source.position(), take);
                buffer.position(buffer.position() + take);
                source.position(source.position() + take);
                if (!buffer.hasRemaining()) {
                    appendChunk();
                }
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

    private void appendChunk() {
        int buffered = buffered();
        if (buffered == 0) {
            return;
        }
        if (segment != null && appended - segmentStart >= segmentLimitBytes) {
            // a full segment goes to the background only once more bytes follow it: a request that ends right
            // there ingests it itself, in parallel with other requests, instead of queueing for the ingesters
            ingestInBackground();
        }
        if (segment == null) {
            segment = kv.newBulkLoad(Column.BLOB_CHUNKS);
            segmentStart = appended;
        }
        segment.put(Keys.chunk(contentId, appended), buffer.duplicate().flip());
        appended += buffered;
        ChunkFormat.begin(buffer);
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
            } else if (segment == null && appended == upload.offset() && buffered() > 0) {
                storeSmallTail();
            } else {
                appendChunk(); // may hand a full segment to the background first
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
