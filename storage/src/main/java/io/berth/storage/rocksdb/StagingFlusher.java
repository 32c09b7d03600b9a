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
import java.util.function.LongSupplier;

/**
 * Flushes staging table files to the disk while they are still being written, so that the fsync which finishes a
 * file has only its last megabyte or so left. On these machines an fsync's cost grows with the data it flushes
 * (about 1.2 ms per MiB: the virtual disk's flush writes the host's copy), and a request that ends with a segment
 * waits for that fsync before it is answered: 16 MiB took 13-17 ms, against a few ms after flushes along the way.
 * A flush goes on with the bytes written while it ran, without waiting for the writer's next call, so the disk
 * is kept busy while a request streams in: with one flush per writer call, the request's end found about three
 * MiB unflushed (a flush in flight and what came after it), and closing a 16 MiB chunk took 7.6 ms, against 6.0
 * now. Flushing does not add disk writes (every byte is flushed once either way); it moves them off the
 * request's critical path, onto two {@code berth-flush} threads.
 */
final class StagingFlusher implements AutoCloseable {
    private static final int THREADS = 2;

    /** How a file is flushed; tests substitute one they can hold. */
    interface FileFlush {
        void force(FileChannel file) throws IOException;
    }

    private final FileFlush fileFlush;
    private final AtomicLong flushes = new AtomicLong();
    private final ExecutorService executor =
            Executors.newFixedThreadPool(THREADS, BackgroundThreads.numbered("berth-flush"));

    StagingFlusher() {
        this(file -> file.force(false));
    }

    StagingFlusher(FileFlush fileFlush) {
        this.fileFlush = fileFlush;
    }

    /**
     * Starts flushing {@code file} (fdatasync) in the background, and flushes again as long as at least
     * {@code step} bytes more were written while the last flush ran. Completes with the file size the last flush
     * covered (the value of {@code writtenBytes} when it began). The future fails with the I/O error when a flush
     * failed: the kernel reports a write-back error once, so the caller must not trust a later fsync of that file.
     * After {@link #close} nothing is flushed and the future completes normally with the size written (the
     * file's own final fsync still happens).
     *
     * @param writtenBytes the file's size as its writer last reported it; read from the flushing thread
     */
    CompletableFuture<Long> flush(FileChannel file, LongSupplier writtenBytes, long step) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    long covered;
                    do {
                        covered = writtenBytes.getAsLong();
                        fileFlush.force(file);
                        flushes.incrementAndGet();
                    } while (writtenBytes.getAsLong() - covered >= step);
                    return covered;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(writtenBytes.getAsLong());
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
