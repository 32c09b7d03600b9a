package io.berth.server.oci;

import io.berth.server.http.Workers;
import io.berth.storage.blob.BlobStore;
import io.berth.storage.blob.Chunk;
import io.berth.storage.model.Digest;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Streams a byte range of a blob to a response, one chunk at a time: the next chunk is read on a worker while
 * the current one is written, and writing waits for the response to drain, so memory stays at about two chunks
 * per download whatever the blob's size.
 */
final class BlobSender {
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
        step(response, digest, read(digest, from), from, to);
    }

    private Future<Chunk> read(Digest digest, long offset) {
        return workers.run(() -> blobs.readAt(digest, offset));
    }

    private void step(HttpServerResponse response, Digest digest, Future<Chunk> pending, long offset, long to) {
        pending.onComplete(result -> {
            if (result.failed() || result.result() == null) {
                response.reset();
                return;
            }
            Chunk chunk = result.result();
            int length = (int) Math.min(chunk.length(), to - offset);
            long next = offset + length;
            Future<Chunk> following = next < to ? read(digest, next) : null;
            response.write(BufferInternal.buffer(Unpooled.wrappedBuffer(chunk.array(), chunk.offset(), length)));
            if (following == null) {
                response.end();
            } else if (response.writeQueueFull()) {
                response.drainHandler(drained -> step(response, digest, following, next, to));
            } else {
                step(response, digest, following, next, to);
            }
        });
    }
}
