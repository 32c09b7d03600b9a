package io.berth.storage.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class DirectBufferPoolTest {
    @Test
    void aReleasedBufferIsReusedCleared() {
        DirectBufferPool pool = new DirectBufferPool(64, 2);
        ByteBuffer first = pool.acquire();
        assertTrue(first.isDirect());
        assertEquals(64, first.capacity());
        first.put((byte) 1).limit(10);
        pool.release(first);

        ByteBuffer again = pool.acquire();
        assertSame(first, again);
        assertEquals(0, again.position());
        assertEquals(64, again.limit());
    }

    @Test
    void keepsNoMoreThanItsRetainedCountAndIgnoresForeignBuffers() {
        DirectBufferPool pool = new DirectBufferPool(64, 1);
        ByteBuffer a = pool.acquire();
        ByteBuffer b = pool.acquire();
        pool.release(a);
        pool.release(b); // beyond the one kept: dropped
        pool.release(ByteBuffer.allocate(64)); // heap: not one of the pool's
        pool.release(ByteBuffer.allocateDirect(32)); // other size

        assertSame(a, pool.acquire());
        ByteBuffer fresh = pool.acquire();
        assertNotSame(b, fresh);
        assertEquals(64, fresh.capacity());
        assertTrue(fresh.isDirect());
    }

    /** A buffer the pool does not keep is freed when released, not when the collector gets to it. */
    @Test
    void aBufferBeyondTheRetainedCountIsFreedAtOnce() {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        DirectBufferPool pool = new DirectBufferPool(4 << 20, 1);
        ByteBuffer kept = pool.acquire();
        ByteBuffer dropped = pool.acquire();
        long inUse = direct.getMemoryUsed();

        pool.release(kept);
        pool.release(dropped);

        assertEquals(inUse - (4 << 20), direct.getMemoryUsed(), "the dropped buffer's 4 MiB are returned");
        assertEquals(0, pool.lent());
    }

    /** Releasing one buffer twice (a caller's bug) neither frees it twice nor lends it to two users. */
    @Test
    void aSecondReleaseOfOneBufferIsIgnored() {
        DirectBufferPool pool = new DirectBufferPool(64, 4);
        ByteBuffer buffer = pool.acquire();
        pool.release(buffer);
        pool.release(buffer);

        ByteBuffer first = pool.acquire();
        ByteBuffer second = pool.acquire();
        assertSame(buffer, first);
        assertNotSame(first, second);
        assertEquals(2, pool.lent());
    }
}
