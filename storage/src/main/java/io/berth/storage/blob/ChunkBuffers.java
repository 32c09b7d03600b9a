package io.berth.storage.blob;

import java.nio.ByteBuffer;

/**
 * A pool of direct buffers, each the size of one stored chunk (format header included). Uploads fill one and
 * reuse it for every chunk; downloads read chunks into them and hand them to the socket without copying. Direct
 * buffers keep chunk traffic off the Java heap (a 1 MiB array would be a G1 humongous allocation per chunk).
 */
public final class ChunkBuffers {
    /** Buffers kept for reuse: 16 x 1 MiB covers the usual concurrent transfers; more are allocated and dropped. */
    private static final int RETAINED = 16;

    private final DirectBufferPool pool;

    public ChunkBuffers(int chunkBytes) {
        this.pool = new DirectBufferPool(ChunkFormat.HEADER_BYTES + chunkBytes, RETAINED);
    }

    /** A cleared buffer of chunk capacity. */
    public ByteBuffer acquire() {
        return pool.acquire();
    }

    /** Returns a buffer from {@link #acquire} (others are ignored); it must not be used afterwards. */
    public void release(ByteBuffer buffer) {
        pool.release(buffer);
    }

    public int capacity() {
        return pool.capacity();
    }
}
