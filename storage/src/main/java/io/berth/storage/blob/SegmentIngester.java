package io.berth.storage.blob;

import io.berth.storage.BackgroundThreads;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Finishes and ingests the full segments of long uploads in the background, so that a request goes on receiving
 * bytes while the previous segment is fsynced (about 0.75 s per GiB here, the disk's own pace) and added to the
 * store. The tasks of one upload form a chain and run in order.
 */
final class SegmentIngester implements AutoCloseable {
    /** Two threads: the disk, not the CPU, paces an ingest, and two let two uploads' segments overlap. */
    private static final int THREADS = 2;

    private final ExecutorService executor =
            Executors.newFixedThreadPool(THREADS, BackgroundThreads.numbered("berth-ingest"));

    /**
     * Runs {@code task} once {@code previous} is done, if it succeeded; otherwise runs {@code skipped} (to release
     * what the task would have used) and passes the failure on.
     */
    CompletableFuture<Void> after(CompletableFuture<Void> previous, Runnable task, Runnable skipped) {
        return previous.handleAsync((done, failure) -> {
            if (failure != null) {
                skipped.run();
                throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
            }
            task.run();
            return null;
        }, executor);
    }

    @Override
    public void close() {
        BackgroundThreads.shutdown(executor, Duration.ofSeconds(30));
    }
}
