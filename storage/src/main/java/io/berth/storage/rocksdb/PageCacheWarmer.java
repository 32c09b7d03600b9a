package io.berth.storage.rocksdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Brings ingested table files back into the kernel's page cache, in the background, then deletes their staging
 * links. RocksDB's {@code SstFileWriter} tells the kernel to drop every page it writes (right for bulk-loading a
 * database, wrong for a registry: a layer just pushed is the one most likely to be pulled next, and a registry on
 * a file system keeps it cached for free). The staging link shares the ingested file's inode, so reading it once
 * fills the same cache; {@code transferTo} a null device lets the kernel do it without copying to user space.
 * Best effort: a failure or a full queue only means the next pull reads from disk.
 */
final class PageCacheWarmer implements AutoCloseable {
    /** Files waiting to be read back; past this (a burst of pushes) files are simply not warmed. */
    private static final int QUEUE_FILES = 64;
    private static final Path NULL_DEVICE = Path.of("/dev/null");

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_FILES), task -> {
                Thread thread = new Thread(task, "berth-page-cache-warmer");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    /** Reads {@code file} once, then deletes it; if it cannot be queued, deletes it at once. */
    void warmThenDelete(Path file) {
        if (executor.isShutdown() || executor.getQueue().remainingCapacity() == 0) {
            delete(file);
            return;
        }
        executor.execute(() -> {
            try {
                warm(file);
            } finally {
                delete(file);
            }
        });
    }

    private static void warm(Path file) {
        if (!Files.isWritable(NULL_DEVICE)) {
            return;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
             FileChannel sink = FileChannel.open(NULL_DEVICE, StandardOpenOption.WRITE)) {
            long size = in.size();
            for (long position = 0; position < size; ) {
                long moved = in.transferTo(position, size - position, sink);
                if (moved <= 0) {
                    break;
                }
                position += moved;
            }
        } catch (IOException e) {
            // the cache stays cold: the next read of these bytes goes to the disk
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for the store's next open, which empties the staging directory
        }
    }

    /** Stops warming; files still queued stay in the staging directory until the store's next open empties it. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
