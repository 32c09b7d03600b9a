package io.berth.storage.rocksdb;

import io.berth.storage.BackgroundThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Flushes staging table files to the disk while they are still being written, so that the fsync which finishes a
 * file has only its last megabyte left. On these machines an fsync's cost grows with the data it flushes (about
 * 1.2 ms per MiB: the virtual disk's flush writes the host's copy), and a request that ends with a segment waits
 * for that fsync before it is answered: 16 MiB took 13-17 ms, against about 1 ms after flushes along the way.
 * Flushing does not add disk writes (every byte is flushed once either way); it moves them off the request's
 * critical path, onto two {@code berth-flush} threads.
 */
final class StagingFlusher implements AutoCloseable {
    private static final int THREADS = 2;

    private final AtomicLong flushes = new AtomicLong();
    private final ExecutorService executor =
            Executors.newFixedThreadPool(THREADS, BackgroundThreads.numbered("berth-flush"));

    /**
     * Starts an fdatasync of {@code file} in the background. The future fails with the I/O error when the flush
     * failed: the kernel reports a write-back error once, so the caller must not trust a later fsync of that file.
     * After {@link #close} the flush does not run and the future completes normally (the file's own final fsync
     * still happens).
     */
    CompletableFuture<Void> flush(FileChannel file) {
        try {
            return CompletableFuture.runAsync(() -> {
                try {
                    file.force(false);
                    flushes.incrementAndGet();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Background flushes done so far. */
    long flushes() {
        return flushes.get();
    }

    @Override
    public void close() {
        BackgroundThreads.shutdown(executor, Duration.ofSeconds(10));
    }
}
