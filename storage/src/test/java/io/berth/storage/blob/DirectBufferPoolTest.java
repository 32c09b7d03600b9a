package io.berth.storage.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
