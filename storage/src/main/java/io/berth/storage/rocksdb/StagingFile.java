package io.berth.storage.rocksdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.rocksdb.RocksDBException;

/**
 * A bulk load's staging file, seen through a channel of Berth's own, opened as soon as RocksDB's writer has created
 * the file: it has the file flushed to the disk once {@link #FLUSH_STEP_BYTES} are written past what was flushed
 * (one flush in flight at a time, going on while bytes keep coming, through the {@link StagingFlusher}), and after
 * the ingest, which moves the file's name, it still reaches the content for the {@link PageCacheLoader}. Used by
 * the load's one writing thread.
 */
final class StagingFile implements AutoCloseable {
    /** Bytes written between two background flushes: one chunk. */
    static final long FLUSH_STEP_BYTES = 1 << 20;

    private final StagingFlusher flusher;
    private FileChannel channel;
    /** The file's size as the writer last reported it: read by the flushing thread. */
    private volatile long writtenBytes;
    /** The size covered by the flushes done so far. */
    private long flushedBytes;
    private CompletableFuture<Long> flushing = CompletableFuture.completedFuture(0L);
    /** A background flush failed: the file's final fsync can no longer be trusted to report it. */
    private Throwable flushFailure;

    StagingFile(FileChannel channel, StagingFlusher flusher) {
        this.channel = channel;
        this.flusher = flusher;
    }

    /**
     * Opens the file RocksDB's writer has just created. When it cannot be opened the load goes on without
     * background flushes (the final fsync does all the work) and without the page-cache read-back.
     */
    static StagingFile open(Path file, StagingFlusher flusher) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            channel = null;
        }
        return new StagingFile(channel, flusher);
    }

    /**
     * Called after each write with the file's size: starts flushing when a step's worth is not flushed yet and no
     * flush is running (a running one goes on with these bytes by itself).
     */
    void written(long fileSize) {
        writtenBytes = fileSize;
        if (channel == null || !flushing.isDone()) {
            return;
        }
        awaitFlush(); // done already: keeps a failure of the last one
        if (flushFailure == null && fileSize - flushedBytes >= FLUSH_STEP_BYTES) {
            flushing = flusher.flush(channel, () -> writtenBytes, FLUSH_STEP_BYTES);
        }
    }

    /**
     * Waits for the flush in flight, after the writer's own final fsync.
     *
     * @throws RocksDBException when a background flush failed: the file's bytes may not be on the disk even though
     *                          the final fsync reported success, so the file must not be ingested
     */
    void verifyFlushed() throws RocksDBException {
        awaitFlush();
        if (flushFailure != null) {
            throw new RocksDBException("flushing the staging file failed: " + flushFailure.getMessage());
        }
    }

    /** Hands the open channel over (to the page-cache loader, which closes it); null when there is none. */
    FileChannel release() {
        awaitFlush();
        FileChannel released = channel;
        channel = null;
        return released;
    }

    /** Waits for the flush in flight and closes the channel, unless it was released. */
    @Override
    public void close() {
        awaitFlush();
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // opened for reading and flushing only; the writer's own fsync decides the file's fate
            } finally {
                channel = null;
            }
        }
    }

    /** Waits for the flush in flight; a failure is kept, as the kernel reports it once. */
    private void awaitFlush() {
        try {
            flushedBytes = Math.max(flushedBytes, flushing.join());
        } catch (CompletionException e) {
            if (flushFailure == null) {
                flushFailure = e.getCause() != null ? e.getCause() : e;
            }
        }
    }
}
