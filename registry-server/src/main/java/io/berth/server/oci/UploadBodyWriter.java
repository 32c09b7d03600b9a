package io.berth.server.oci;

import io.berth.server.http.Workers;
import io.berth.storage.blob.UploadSink;
import io.berth.storage.error.SizeInvalidException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link WriteStream} that hands request-body buffers to an {@link UploadSink} on a worker thread. All state
 * is touched on the request's event loop only; the worker gets a batch of buffers at a time. It reports itself
 * full above {@link #HIGH_WATER_BYTES} pending, so {@code pipeTo} pauses the socket and memory stays flat.
 */
final class UploadBodyWriter implements WriteStream<Buffer> {
    /**
     * 3 MiB pending before the socket is paused: enough to keep the worker busy while the socket refills, small
     * enough that eight uploads at once keep under 25 MiB of body buffers on the heap (the request body arrives
     * in heap copies, and bigger pending queues outlive young collections and grow the heap).
     */
    private static final int HIGH_WATER_BYTES = 3 << 20;
    /**
     * 1 MiB gathered before a batch goes to the worker: the socket delivers ~64 KiB at a time, and a hand-off
     * to a worker and back costs two thread wake-ups, so batching makes them rare next to the bytes moved.
     */
    private static final int BATCH_BYTES = 1 << 20;

    private final UploadSink sink;
    private final Workers workers;
    private final long limit;
    private List<Buffer> pending = new ArrayList<>();
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
    UploadBodyWriter(UploadSink sink, Workers workers, long limit) {
        this.sink = sink;
        this.workers = workers;
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
        pending.add(data);
        pendingBytes += data.length();
        flushIfIdle();
        return Future.succeededFuture();
    }

    private void flushIfIdle() {
        if (writing || sinkClosed) {
            return;
        }
        if (failure != null || (pending.isEmpty() && ended != null)) {
            closeSink();
            return;
        }
        if (pending.isEmpty() || (pendingBytes < BATCH_BYTES && ended == null)) {
            return;
        }
        List<Buffer> batch = pending;
        long batchBytes = pendingBytes;
        pending = new ArrayList<>();
        writing = true;
        workers.run(() -> {
            for (Buffer buffer : batch) {
                writeToSink(buffer);
            }
        }).onComplete(result -> {
            writing = false;
            pendingBytes -= batchBytes;
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

    /** Hands the buffer's bytes to the sink without copying them (a view of Netty's, usually direct, memory). */
    private void writeToSink(Buffer buffer) {
        ByteBuf bytes = ((BufferInternal) buffer).getByteBuf();
        for (java.nio.ByteBuffer view : bytes.nioBuffers(bytes.readerIndex(), bytes.readableBytes())) {
            sink.write(view);
        }
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
        pending.clear();
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
