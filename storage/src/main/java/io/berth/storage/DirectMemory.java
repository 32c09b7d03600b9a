package io.berth.storage;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Frees a direct buffer's memory, or unmaps a mapped file region, now instead of when the collector finds the
 * buffer unreachable. A pooled buffer that the pool does not keep is long-lived by then (old generation) and small
 * on the heap, so it can wait many collections while its megabyte stays allocated: under repeated concurrent
 * transfers the process grew about 11 MiB per round of eight uploads that way, up to the JVM's direct-memory limit;
 * a mapped region would stay in the process's resident set just as long. Uses
 * {@code sun.misc.Unsafe.invokeCleaner}, as Netty does for its own direct buffers (module {@code jdk.unsupported});
 * where it is missing, freeing is left to the collector.
 */
public final class DirectMemory {
    private static final MethodHandle INVOKE_CLEANER = findInvokeCleaner();

    private DirectMemory() {
    }

    /**
     * Frees {@code buffer}, which nothing may use afterwards (not even a duplicate or a slice of it).
     *
     * @return false when it is left to the collector
     */
    public static boolean free(ByteBuffer buffer) {
        if (INVOKE_CLEANER == null || !buffer.isDirect()) {
            return false;
        }
        try {
            INVOKE_CLEANER.invokeExact(buffer);
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    /** Whether {@link #free} frees at once here (false: it leaves buffers to the collector). */
    public static boolean freesAtOnce() {
        return INVOKE_CLEANER != null;
    }

    private static MethodHandle findInvokeCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field instance = unsafeClass.getDeclaredField("theUnsafe");
            instance.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(instance.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
