package io.berth.storage.blob;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of direct buffers, each the size of one stored chunk (format header included). Uploads fill one and
 * reuse it for every chunk; downloads read chunks into them and hand them to the socket without copying. Direct
 * buffers keep chunk traffic off the Java heap (a 1 MiB array would be a G1 humongous allocation per chunk).
 */
public final class ChunkBuffers {
    /** Buffers kept for reuse: 16 x 1 MiB covers the usual concurrent transfers; more are allocated and dropped. */
    private static final int RETAINED = 16;

    private final int capacity;
    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger retained = new AtomicInteger();

    public ChunkBuffers(int chunkBytes) {
        this.capacity = ChunkFormat.HEADER_BYTES + chunkBytes;
    }

    /** A cleared buffer of chunk capacity. */
    public ByteBuffer acquire() {
        ByteBuffer buffer = free.poll();
        if (buffer == null) {
            return ByteBuffer.allocateDirect(capacity);
        }
        retained.decrementAndGet();
        return buffer.clear();
    }

    /** Returns a buffer from {@link #acquire} (others are ignored); it must not be used afterwards. */
    public void release(ByteBuffer buffer) {
        if (!buffer.isDirect() || buffer.capacity() != capacity) {
            return;
        }
        if (retained.incrementAndGet() <= RETAINED) {
            free.offer(buffer);
        } else {
            retained.decrementAndGet();
        }
    }

    public int capacity() {
        return capacity;
    }
}
