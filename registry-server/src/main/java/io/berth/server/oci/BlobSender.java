package io.berth.server.oci;

import io.berth.server.http.Workers;
import io.berth.storage.blob.BlobStore;
import io.berth.storage.blob.ContentReader;
import io.berth.storage.model.Digest;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a byte range of a blob to a response. A worker reads a batch of chunks while the event loop writes the
 * previous batch; writing waits for the response to drain; each chunk's pooled direct buffer goes back to the
 * pool once the socket has taken it. Memory stays at about two batches per download whatever the blob's size,
 * and chunk bytes never touch the Java heap.
 */
final class BlobSender {
    /**
     * 4 MiB read per worker hand-off: each hand-off costs thread wake-ups, so a few chunks at a time keep them
     * rare next to the bytes moved, while two batches in flight stay small.
     */
    private static final int BATCH_BYTES = 4 << 20;

    /** Chunks read in one hand-off, and the offset after the last of them. */
    private record ReadBatch(List<ByteBuffer> chunks, long end) {
    }

    private final BlobStore blobs;
    private final Workers workers;

    BlobSender(BlobStore blobs, Workers workers) {
        this.blobs = blobs;
        this.workers = workers;
    }

    /** Sends bytes {@code [from, to)} of the blob; the response's status and headers must be set already. */
    void send(HttpServerResponse response, Digest digest, long from, long to) {
        if (from >= to) {
            response.end();
            return;
        }
        workers.run(() -> blobs.open(digest)).onComplete(opened -> {
            if (opened.failed()) {
                response.reset();
                return;
            }
            ContentReader reader = opened.result();
            step(response, reader, read(reader, from, to), to);
        });
    }

    /** Reads chunks from {@code offset} until about {@link #BATCH_BYTES} or {@code to}, trimmed to {@code to}. */
    private Future<ReadBatch> read(ContentReader reader, long offset, long to) {
        return workers.run(() -> {
            List<ByteBuffer> batch = new ArrayList<>();
            long position = offset;
            long batchEnd = Math.min(to, offset + BATCH_BYTES);
            while (position < batchEnd) {
                ByteBuffer chunk = reader.read(position);
                if (chunk == null) {
                    break;
                }
                int length = (int) Math.min(chunk.remaining(), to - position);
                chunk.limit(chunk.position() + length);
                batch.add(chunk);
                position += length;
            }
            return new ReadBatch(batch, position);
        });
    }

    private void step(HttpServerResponse response, ContentReader reader, Future<ReadBatch> pending, long to) {
        pending.onComplete(result -> {
            if (result.failed() || result.result().chunks().isEmpty()) {
                response.reset();
                return;
            }
            List<ByteBuffer> batch = result.result().chunks();
            if (response.closed()) {
                batch.forEach(reader::release);
                return;
            }
            long next = result.result().end();
            // the next batch is read while this one is written: a chain, so the reader is never used twice at once
            Future<ReadBatch> following = next < to ? read(reader, next, to) : null;
            for (ByteBuffer chunk : batch) {
                response.write(BufferInternal.buffer(Unpooled.wrappedBuffer(chunk)))
                        .onComplete(written -> reader.release(chunk));
            }
            if (following == null) {
                response.end();
            } else if (response.writeQueueFull()) {
                // one-shot: a drain handler stays registered, and must not resume this step a second time
                response.drainHandler(drained -> {
                    response.drainHandler(null);
                    step(response, reader, following, to);
                });
            } else {
                step(response, reader, following, to);
            }
        });
    }
}
