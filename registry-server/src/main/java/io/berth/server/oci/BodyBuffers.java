package io.berth.server.oci;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of direct buffers that upload bodies are gathered into as they arrive. Vert.x hands request bodies over
 * as heap copies; moved into these at once, the copies die young instead of waiting in a queue long enough to
 * survive collections (which made the collector copy, promote and grow the heap under concurrent uploads).
 * Thread-safe: buffers are filled on an event loop and released by a worker.
 */
final class BodyBuffers {
    /** 1 MiB per buffer: one worker hand-off's worth of body, as the upload path batches it. */
    static final int BUFFER_BYTES = 1 << 20;
    /** Kept for reuse: four uploads' worth of queued body; more are allocated when needed and dropped after. */
    private static final int RETAINED = 16;

    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger retained = new AtomicInteger();

    /** A cleared buffer of {@link #BUFFER_BYTES}. */
    ByteBuffer acquire() {
        ByteBuffer buffer = free.poll();
        if (buffer == null) {
            return ByteBuffer.allocateDirect(BUFFER_BYTES);
        }
        retained.decrementAndGet();
        return buffer.clear();
    }

    /** Gives back a buffer from {@link #acquire}; it must not be used afterwards. */
    void release(ByteBuffer buffer) {
        if (retained.incrementAndGet() <= RETAINED) {
            free.offer(buffer);
        } else {
            retained.decrementAndGet();
        }
    }
}
