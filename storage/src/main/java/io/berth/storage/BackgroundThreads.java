package io.berth.storage;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The store's background threads: how they are named, and how their pools stop with the store. */
public final class BackgroundThreads {
    private BackgroundThreads() {
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, ... */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return task -> daemon(task, prefix + "-" + number.incrementAndGet());
    }

    /** A daemon thread named {@code name}, for a pool of one. */
    public static ThreadFactory single(String name) {
        return task -> daemon(task, name);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Lets queued and running tasks finish for up to {@code patience}, then interrupts what is left. */
    public static void shutdown(ExecutorService executor, Duration patience) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
