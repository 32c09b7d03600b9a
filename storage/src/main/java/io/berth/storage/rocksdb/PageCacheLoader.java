package io.berth.storage.rocksdb;

import io.berth.storage.BackgroundThreads;
import io.berth.storage.DirectMemory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
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
 * disk, at about half the speed of a cached read. Each page must also be touched by the CPU here: a zero-copy
 * {@code transferTo} into {@code /dev/null} fills the page cache too, but then the first CPU access to each page
 * happens during the download, and on virtual machines whose host takes back the memory a guest frees (free page
 * reporting, as on this project's machines) that first touch made the download's copies much slower (first pull
 * after a push ~1.5 GB/s against ~2.3 touched here on one host; 0.46-0.5 against 2.0-2.5 GB/s on a host whose
 * kernel also pages out idle memory). So the file is mapped a window at a time, each page of the window is read
 * once ({@link MappedByteBuffer#load}) and the window is unmapped at once: the same touch as copying the file
 * through a buffer, without the copy (measured: ~0.2 s of CPU per GiB loaded against ~0.35, and monolithic
 * pushes, which the loader runs beside, 5-10% faster). Where new pages are host-reclaimed memory the touch itself
 * costs 1.4-2 s per GiB, and pushes pay for it in CPU; the first pull after a push is what it buys. Where a window
 * cannot be unmapped at once (it would stay resident until a collection), the file is read through a buffer
 * instead. Best effort: a load that fails, or is dropped because too many are waiting, only means a slower first
 * read.
 */
final class PageCacheLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PageCacheLoader.class);
    /** Files waiting beyond this are not loaded: the disk is behind, and the oldest pushes are read first. */
    private static final int MAX_WAITING = 16;
    /** Mapped at a time: what the loader adds to the process's resident set while it runs. */
    static final int WINDOW_BYTES = 4 << 20;
    private static final int READ_BUFFER_BYTES = 1 << 20;

    private final ThreadPoolExecutor executor;
    private final boolean mapped;
    /** Used by the loader's one thread only, when files are read rather than mapped; allocated on first use. */
    private ByteBuffer readBuffer;
    private final AtomicLong loadedBytes = new AtomicLong();

    PageCacheLoader() {
        this(DirectMemory.freesAtOnce());
    }

    /** @param mapped map and touch files (windows must be unmapped at once), rather than read them */
    PageCacheLoader(boolean mapped) {
        this.mapped = mapped;
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
                if (mapped) {
                    touchWindows();
                } else {
                    readThrough();
                }
            } catch (ClosedByInterruptException e) {
                // the store is closing
            } catch (IOException | RuntimeException e) {
                LOG.debug("loading a table file into the page cache failed: {}", e.toString());
            }
        }

        private void touchWindows() throws IOException {
            long size = file.size();
            for (long at = 0; at < size; at += WINDOW_BYTES) {
                long length = Math.min(WINDOW_BYTES, size - at);
                MappedByteBuffer window = file.map(FileChannel.MapMode.READ_ONLY, at, length);
                try {
                    window.load();
                } finally {
                    DirectMemory.free(window);
                }
                loadedBytes.addAndGet(length);
            }
        }

        private void readThrough() throws IOException {
            if (readBuffer == null) {
                readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
            }
            int read;
            do {
                readBuffer.clear();
                read = file.read(readBuffer);
                if (read > 0) {
                    loadedBytes.addAndGet(read);
                }
            } while (read >= 0);
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
