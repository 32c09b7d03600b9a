package io.berth.storage.blob;

import io.berth.storage.DirectMemory;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of direct buffers of one size. Up to {@code retained} released buffers are kept for reuse; beyond that
 * one is allocated when needed and freed when it is released ({@link DirectMemory}), so memory follows the
 * transfers in flight instead of waiting for the collector. Only buffers the pool lent out are taken back, once
 * each: a second release of one buffer is ignored, so it can be neither freed twice nor lent to two users.
 * Thread-safe: a buffer may be acquired on one thread and released on another.
 */
public final class DirectBufferPool {
    private final int capacity;
    private final int retainedMax;
    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger retained = new AtomicInteger();
    /** Buffers lent out and not yet released, by identity (a buffer's equals and hashCode are its content). */
    private final Set<ByteBuffer> lent = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    public DirectBufferPool(int capacity, int retained) {
        this.capacity = capacity;
        this.retainedMax = retained;
    }

    /** A cleared buffer of {@link #capacity()} bytes. */
    public ByteBuffer acquire() {
        ByteBuffer buffer = free.poll();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(capacity);
        } else {
            retained.decrementAndGet();
            buffer.clear();
        }
        lent.add(buffer);
        return buffer;
    }

    /**
     * Takes back a buffer from {@link #acquire} (others, and a buffer already released, are ignored); nothing may
     * use it, or a duplicate or slice of it, afterwards.
     */
    public void release(ByteBuffer buffer) {
        if (!lent.remove(buffer)) {
            return;
        }
        if (retained.incrementAndGet() <= retainedMax) {
            free.offer(buffer);
        } else {
            retained.decrementAndGet();
            DirectMemory.free(buffer);
        }
    }

    /** Buffers lent out and not released yet. */
    public int lent() {
        return lent.size();
    }

    public int capacity() {
        return capacity;
    }
}
