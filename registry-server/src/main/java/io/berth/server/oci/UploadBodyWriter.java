package io.berth.server.oci;

import io.berth.server.http.Workers;
import io.berth.storage.blob.DirectBufferPool;
import io.berth.storage.blob.UploadSink;
import io.berth.storage.error.SizeInvalidException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.WriteStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link WriteStream} that hands request-body bytes to an {@link UploadSink} on a worker thread. Each buffer
 * Vert.x delivers is copied at once into pooled 1 MiB direct buffers, so the heap copy Vert.x made dies young
 * instead of waiting in the queue long enough to survive collections (which made the collector copy, promote
 * and grow the heap under concurrent uploads); full buffers go to the worker in batches. All state is touched
 * on the request's event loop only. It reports itself full above {@link #HIGH_WATER_BYTES} pending, so
 * {@code pipeTo} pauses the socket and memory stays flat.
 */
final class UploadBodyWriter implements WriteStream<Buffer> {
    /** The size of the pooled buffers bodies are gathered into: one worker hand-off's worth. */
    static final int BUFFER_BYTES = 1 << 20;
    /**
     * 3 MiB pending before the socket is paused: enough to keep the worker busy while the socket refills, and
     * three buffers of the pool per upload.
     */
    private static final int HIGH_WATER_BYTES = 3 * BUFFER_BYTES;

    private final UploadSink sink;
    private final Workers workers;
    private final DirectBufferPool buffers;
    private final long limit;
    /** The buffer being filled, or null. */
    private ByteBuffer filling;
    /** Full buffers (flipped) waiting for the worker. */
    private List<ByteBuffer> pending = new ArrayList<>();
    /** Bytes received and not yet written to the sink: in {@link #filling}, {@link #pending} and the batch. */
    private long pendingBytes;
    private long received;
    private boolean writing;
    private boolean sinkClosed;
    private Throwable failure;
    private Handler<Void> drainHandler;
    private Handler<Throwable> exceptionHandler;
    private Promise<Void> ended;

    /**
     * @param limit the most bytes this request may carry (its Content-Length or declared range), or -1
     */
    UploadBodyWriter(UploadSink sink, Workers workers, DirectBufferPool buffers, long limit) {
        this.sink = sink;
        this.workers = workers;
        this.buffers = buffers;
        this.limit = limit;
    }

    /** Bytes received from the request so far. */
    long received() {
        return received;
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        received += data.length();
        if (limit >= 0 && received > limit) {
            fail(new SizeInvalidException("more bytes than declared", limit));
            return Future.failedFuture(failure);
        }
        gather(((BufferInternal) data).getByteBuf());
        pendingBytes += data.length();
        flushIfIdle();
        return Future.succeededFuture();
    }

    /** Copies the bytes into the buffer being filled, moving each one that fills up to {@link #pending}. */
    private void gather(ByteBuf bytes) {
        int index = bytes.readerIndex();
        int remaining = bytes.readableBytes();
        while (remaining > 0) {
            if (filling == null) {
                filling = buffers.acquire();
            }
            int take = Math.min(remaining, filling.remaining());
            int limitBefore = filling.limit();
            filling.limit(filling.position() + take);
            bytes.getBytes(index, filling);
            filling.limit(limitBefore);
            index += take;
            remaining -= take;
            if (!filling.hasRemaining()) {
                pending.add(filling.flip());
                filling = null;
            }
        }
    }

    private void flushIfIdle() {
        if (writing || sinkClosed) {
            return;
        }
        if (failure != null || (pending.isEmpty() && filling == null && ended != null)) {
            closeSink();
            return;
        }
        if (ended != null && filling != null) {
            pending.add(filling.flip());
            filling = null;
        }
        if (pending.isEmpty()) {
            return;
        }
        List<ByteBuffer> batch = pending;
        long written = batch.stream().mapToLong(ByteBuffer::remaining).sum();
        pending = new ArrayList<>();
        writing = true;
        workers.run(() -> {
            for (ByteBuffer buffer : batch) {
                sink.write(buffer);
            }
        }).onComplete(result -> {
            batch.forEach(buffers::release);
            writing = false;
            pendingBytes -= written;
            if (result.failed()) {
                fail(result.cause());
                return;
            }
            if (drainHandler != null && pendingBytes < HIGH_WATER_BYTES / 2) {
                Handler<Void> handler = drainHandler;
                drainHandler = null;
                handler.handle(null);
            }
            flushIfIdle();
        });
    }

    /** Closes the sink once no batch is being written: what was stored stays, with its offset recorded. */
    private void closeSink() {
        sinkClosed = true;
        workers.run(sink::close).onComplete(closed -> {
            if (ended == null) {
                return;
            }
            if (failure != null) {
                ended.tryFail(failure);
            } else if (closed.failed()) {
                ended.tryFail(closed.cause());
            } else {
                ended.tryComplete();
            }
        });
    }

    private void fail(Throwable cause) {
        if (failure != null) {
            return;
        }
        failure = cause;
        pending.forEach(buffers::release);
        pending.clear();
        if (filling != null) {
            buffers.release(filling);
            filling = null;
        }
        flushIfIdle();
        if (exceptionHandler != null) {
            exceptionHandler.handle(cause);
        }
        // a pipe paused on a full queue waits for a drain: resume it, so that its next write fails and ends it
        if (drainHandler != null) {
            Handler<Void> handler = drainHandler;
            drainHandler = null;
            handler.handle(null);
        }
    }

    /** Stops after a failure of the request itself (the client went away mid-body). */
    void abandon(Throwable cause) {
        fail(cause);
    }

    @Override
    public Future<Void> end() {
        if (ended == null) {
            ended = Promise.promise();
            if (sinkClosed && failure != null) {
                ended.fail(failure);
            } else {
                flushIfIdle();
            }
        }
        return ended.future();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return failure == null && pendingBytes >= HIGH_WATER_BYTES;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        this.drainHandler = handler;
        return this;
    }
}
