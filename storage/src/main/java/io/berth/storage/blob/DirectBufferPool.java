package io.berth.storage.blob;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of direct buffers of one size. Up to {@code retained} released buffers are kept for reuse; beyond that
 * one is allocated when needed and left to the collector after. Thread-safe: a buffer may be acquired on one
 * thread and released on another.
 */
public final class DirectBufferPool {
    private final int capacity;
    private final int retainedMax;
    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger retained = new AtomicInteger();

    public DirectBufferPool(int capacity, int retained) {
        this.capacity = capacity;
        this.retainedMax = retained;
    }

    /** A cleared buffer of {@link #capacity()} bytes. */
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
        if (retained.incrementAndGet() <= retainedMax) {
            free.offer(buffer);
        } else {
            retained.decrementAndGet();
        }
    }

    public int capacity() {
        return capacity;
    }
}
