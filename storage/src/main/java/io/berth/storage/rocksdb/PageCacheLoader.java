package io.berth.storage.rocksdb;

import io.berth.storage.BackgroundThreads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads freshly ingested table files back into the operating system's page cache, in the background.
 * RocksDB's {@code SstFileWriter} tells the kernel to drop every page it writes ({@code POSIX_FADV_DONTNEED},
 * which RocksJava cannot turn off), so without this the first download of a blob just pushed reads it from the
 * disk, at about half the speed of a cached read. The file is read through one reused 1 MiB buffer, a copy by
 * the CPU on purpose: a zero-copy {@code transferTo} into {@code /dev/null} fills the page cache too, but
 * then the first CPU access to each page happens during the download, and on virtual machines whose host
 * takes back the memory a guest frees (free page reporting, as on this project's machines) that first touch
 * made the download's copies four times slower (first pull after a push ~1.5 GB/s against ~2.3 read this
 * way; ~0.3 s of CPU per GiB loaded). Best effort: a load that fails, or is dropped because too many are
 * waiting, only means a slower first read.
 */
final class PageCacheLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PageCacheLoader.class);
    /** Files waiting beyond this are not loaded: the disk is behind, and the oldest pushes are read first. */
    private static final int MAX_WAITING = 16;
    private static final int READ_BUFFER_BYTES = 1 << 20;

    private final ThreadPoolExecutor executor;
    /** Used by the loader's one thread only. */
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final AtomicLong loadedBytes = new AtomicLong();

    PageCacheLoader() {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_WAITING),
                BackgroundThreads.single("berth-cache-load"), (task, pool) -> ((Load) task).discard());
    }

    /**
     * Reads {@code file} (a channel opened before its name moved, see {@link StagingFile}; may be null) into the
     * page cache in the background, then closes it.
     */
    void load(FileChannel file) {
        if (file != null) {
            executor.execute(new Load(file));
        }
    }

    /** Bytes read back into the page cache so far. */
    long loadedBytes() {
        return loadedBytes.get();
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

    private final class Load implements Runnable {
        private final FileChannel file;

        Load(FileChannel file) {
            this.file = file;
        }

        @Override
        public void run() {
            try (file) {
                int read;
                do {
                    readBuffer.clear();
                    read = file.read(readBuffer);
                    if (read > 0) {
                        loadedBytes.addAndGet(read);
                    }
                } while (read >= 0);
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
