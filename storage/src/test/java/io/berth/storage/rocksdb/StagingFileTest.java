package io.berth.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;

class StagingFileTest {
    private static final int STEP = (int) StagingFile.FLUSH_STEP_BYTES;

    @TempDir
    Path dir;

    private final StagingFlusher flusher = new StagingFlusher();

    @AfterEach
    void closeFlusher() {
        flusher.close();
    }

    /** Writes {@code bytes} to the file in quarter steps, telling the staging file its size after each write. */
    private static void grow(FileChannel writer, StagingFile staged, long bytes) throws Exception {
        ByteBuffer quarter = ByteBuffer.allocate(STEP / 4);
        for (long written = 0; written < bytes; written += quarter.capacity()) {
            writer.write(quarter.clear());
            staged.written(writer.size());
        }
    }

    @Test
    void aGrowingFileIsFlushedInTheBackgroundAtMostOncePerStep() throws Exception {
        Path file = dir.resolve("load-1.sst");
        try (FileChannel writer = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            StagingFile staged = StagingFile.open(file, flusher);
            grow(writer, staged, 8L * STEP);
            staged.verifyFlushed();
            staged.close();
        }
        long flushes = flusher.flushes();
        assertTrue(flushes >= 1 && flushes <= 8, flushes + " flushes for eight steps");
    }

    /**
     * A flush goes on with the bytes written while it ran, without waiting for the writer's next call: the disk
     * keeps up with a request, and its last fsync is left only what came after the last flush began.
     */
    @Test
    void bytesWrittenWhileAFlushRunsAreFlushedWithoutAnotherCall() throws Exception {
        CountDownLatch firstFlushRunning = new CountDownLatch(1);
        CountDownLatch letItFinish = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Path file = dir.resolve("load-6.sst");
        try (StagingFlusher held = new StagingFlusher(channel -> {
            if (calls.getAndIncrement() == 0) {
                firstFlushRunning.countDown();
                awaitQuietly(letItFinish);
            }
            channel.force(false);
        }); FileChannel writer = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            StagingFile staged = StagingFile.open(file, held);
            grow(writer, staged, STEP); // starts the first flush, which covers one step and is held
            assertTrue(firstFlushRunning.await(10, TimeUnit.SECONDS));
            grow(writer, staged, 2L * STEP); // written while it runs: the writer's calls start nothing
            letItFinish.countDown();
            staged.verifyFlushed();
            staged.close();
            assertEquals(2, held.flushes(), "the running flush went on with the two steps written meanwhile");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) throws IOException {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void lessThanAStepIsLeftToTheFinalFsync() throws Exception {
        Path file = dir.resolve("load-2.sst");
        try (FileChannel writer = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            StagingFile staged = StagingFile.open(file, flusher);
            grow(writer, staged, STEP / 2);
            staged.verifyFlushed();
            staged.close();
        }
        assertEquals(0, flusher.flushes());
    }

    /**
     * The kernel reports a write-back error to one fsync only: once a background flush failed, the writer's own
     * final fsync may succeed although bytes were lost, so the file must not be ingested.
     */
    @Test
    void aFailedBackgroundFlushFailsTheVerification() throws Exception {
        Path file = Files.write(dir.resolve("load-3.sst"), new byte[10]);
        FileChannel broken = FileChannel.open(file, StandardOpenOption.READ);
        broken.close(); // force() on it fails
        StagingFile staged = new StagingFile(broken, flusher);
        staged.written(2L * STEP);

        RocksDBException failure = assertThrows(RocksDBException.class, staged::verifyFlushed);
        assertTrue(failure.getMessage().startsWith("flushing the staging file failed"), failure.getMessage());
        assertThrows(RocksDBException.class, staged::verifyFlushed, "the failure is not forgotten");
        staged.close();
        assertEquals(0, flusher.flushes());
    }

    /** Once a flush failed, later writes start no flush: the file will not be ingested anyway. */
    @Test
    void afterAFailedFlushNoFurtherFlushIsStarted() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Path file = Files.write(dir.resolve("load-7.sst"), new byte[10]);
        try (StagingFlusher failing = new StagingFlusher(channel -> {
            attempts.incrementAndGet();
            throw new IOException("write-back error");
        })) {
            StagingFile staged = StagingFile.open(file, failing);
            staged.written(2L * STEP);
            assertThrows(RocksDBException.class, staged::verifyFlushed);
            staged.written(4L * STEP);
            staged.written(6L * STEP);
            staged.close();
            assertEquals(1, attempts.get(), "flushes attempted");
        }
    }

    @Test
    void releaseHandsTheOpenChannelOverAndCloseClosesOnlyAChannelStillHeld() throws Exception {
        Path file = Files.write(dir.resolve("load-4.sst"), new byte[10]);
        StagingFile released = StagingFile.open(file, flusher);
        FileChannel channel = released.release();
        released.close();
        assertTrue(channel.isOpen(), "the new owner closes it");
        channel.close();

        StagingFile kept = StagingFile.open(file, flusher);
        kept.written(STEP);
        kept.close();
        assertNull(kept.release(), "closed: nothing left to hand over");
    }

    @Test
    void aFileThatCannotBeOpenedIsNeitherFlushedNorHandedOver() throws Exception {
        StagingFile staged = StagingFile.open(dir.resolve("absent.sst"), flusher);
        staged.written(4L * STEP);
        staged.verifyFlushed();
        assertNull(staged.release());
        staged.close();
        assertEquals(0, flusher.flushes());
    }

    @Test
    void afterTheFlusherClosesFlushesAreSkippedNotFailed() throws Exception {
        Path file = Files.write(dir.resolve("load-5.sst"), new byte[10]);
        flusher.close();
        StagingFile staged = StagingFile.open(file, flusher);
        staged.written(2L * STEP);
        staged.verifyFlushed();
        FileChannel channel = staged.release();
        assertFalse(channel == null);
        channel.close();
        assertEquals(0, flusher.flushes());
    }
}
