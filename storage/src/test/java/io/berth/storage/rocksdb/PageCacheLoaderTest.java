package io.berth.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCacheLoaderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void readsTheFileInTheBackgroundAndClosesIt() throws Exception {
        Path file = Files.write(dir.resolve("table.sst"), new byte[3 << 20]);
        try (PageCacheLoader loader = new PageCacheLoader()) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            loader.load(channel);
            awaitClosed(channel);
            assertEquals(3L << 20, loader.loadedBytes(), "the whole file was read");
        }
    }

    /** Mapped a window at a time (the last one partial) or read through a buffer, every byte is loaded. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void bothWaysLoadEveryByteOfAFileLargerThanAWindow(boolean mapped) throws Exception {
        int size = 2 * PageCacheLoader.WINDOW_BYTES + 12345;
        Path file = Files.write(dir.resolve("wide.sst"), new byte[size]);
        try (PageCacheLoader loader = new PageCacheLoader(mapped)) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            loader.load(channel);
            awaitClosed(channel);
            assertEquals(size, loader.loadedBytes());
        }
    }

    /** A window is unmapped as soon as its pages are touched: nothing stays in the process's resident set. */
    @Test
    void noWindowStaysMappedOnceTheFileIsLoaded() throws Exception {
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps), "needs /proc/self/maps (Linux)");
        Path file = Files.write(dir.resolve("unmapped-after-load.sst"), new byte[3 * PageCacheLoader.WINDOW_BYTES]);
        try (PageCacheLoader loader = new PageCacheLoader(true)) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            loader.load(channel);
            awaitClosed(channel);
            assertEquals(3L * PageCacheLoader.WINDOW_BYTES, loader.loadedBytes());
            assertFalse(Files.readString(maps).contains("unmapped-after-load.sst"), "a window is still mapped");
        }
    }

    @Test
    void aFileWhoseNameIsGoneIsStillLoadedThroughItsChannel() throws Exception {
        Path file = Files.write(dir.resolve("moved.sst"), new byte[1 << 20]);
        try (PageCacheLoader loader = new PageCacheLoader()) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            Files.delete(file);
            loader.load(channel);
            awaitClosed(channel);
            assertEquals(1L << 20, loader.loadedBytes());
        }
    }

    @Test
    void loadingNoChannelIsHarmless() {
        try (PageCacheLoader loader = new PageCacheLoader()) {
            loader.load(null);
            assertEquals(0, loader.loadedBytes());
        }
    }

    @Test
    void manyLoadsAtOnceAllEndClosedWhetherReadOrDropped() throws Exception {
        List<FileChannel> channels = new ArrayList<>();
        try (PageCacheLoader loader = new PageCacheLoader()) {
            for (int i = 0; i < 64; i++) {
                Path file = Files.write(dir.resolve("t" + i + ".sst"), new byte[256 << 10]);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                channels.add(channel);
                loader.load(channel);
            }
            for (FileChannel channel : channels) {
                awaitClosed(channel);
            }
        }
    }

    @Test
    void afterCloseALoadClosesItsChannelWithoutReading() throws Exception {
        Path file = Files.write(dir.resolve("late.sst"), new byte[4096]);
        PageCacheLoader loader = new PageCacheLoader();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        loader.close();
        assertTrue(channel.isOpen());
        loader.load(channel);
        assertFalse(channel.isOpen());
        assertEquals(0, loader.loadedBytes());
    }

    private static void awaitClosed(FileChannel channel) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (channel.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertFalse(channel.isOpen(), "the loader closes every channel it was given");
    }
}
