package io.berth.storage.rocksdb;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads freshly ingested table files back into the operating system's page cache, in the background.
 * RocksDB's {@code SstFileWriter} tells the kernel to drop every page it writes ({@code POSIX_FADV_DONTNEED},
 * which RocksJava cannot turn off), so without this the first download of a blob just pushed reads it from the
 * disk, at about half the speed of a cached read. The read is a {@code transferTo} into {@code /dev/null}: the
 * kernel moves the pages without copying them into the process, so it costs disk bandwidth but almost no CPU.
 * Best effort: a load that fails, or is dropped because too many are waiting, only means a slower first read.
 */
final class PageCacheLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PageCacheLoader.class);
    /** Files waiting beyond this are not loaded: the disk is behind, and the oldest pushes are read first. */
    private static final int MAX_WAITING = 16;
    private static final Path SINK = Path.of("/dev/null");

    private final ThreadPoolExecutor executor;

    PageCacheLoader() {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_WAITING),
                task -> {
                    Thread thread = new Thread(task, "berth-cache-load");
                    thread.setDaemon(true);
                    return thread;
                },
                (task, pool) -> ((Load) task).discard());
    }

    /**
     * Opens {@code file} for a later {@link #load}: the open channel keeps reaching the file's content after a
     * move or a removal of its name. Null when it cannot be opened (nothing will be loaded).
     */
    FileChannel open(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("not loading {} into the page cache: {}", file, e.toString());
            return null;
        }
    }

    /** Reads {@code file} (from {@link #open}, may be null) into the page cache in the background, then closes it. */
    void load(FileChannel file) {
        if (file != null) {
            executor.execute(new Load(file));
        }
    }

    /** Stops loading: the file being read and those waiting are closed without being read further. */
    @Override
    public void close() {
        for (Runnable waiting : executor.shutdownNow()) {
            ((Load) waiting).discard();
        }
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Load(FileChannel file) implements Runnable {
        @Override
        public void run() {
            try (file; FileChannel sink = FileChannel.open(SINK, StandardOpenOption.WRITE)) {
                long position = 0;
                long size = file.size();
                while (position < size) {
                    long moved = file.transferTo(position, size - position, sink);
                    if (moved <= 0) {
                        break;
                    }
                    position += moved;
                }
            } catch (ClosedByInterruptException e) {
                // the store is closing
            } catch (IOException | RuntimeException e) {
                LOG.debug("loading a table file into the page cache failed: {}", e.toString());
            }
        }

        void discard() {
            try {
                file.close();
            } catch (IOException e) {
                // nothing was read from it; closing is all that is left
            }
        }
    }
}
