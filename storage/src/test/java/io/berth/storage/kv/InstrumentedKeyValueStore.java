package io.berth.storage.kv;

import io.berth.storage.error.StorageFullException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a {@link KeyValueStore} for tests: counts the cursors that are open, so that tests can check that the
 * code above the store closes every cursor it opens, and fails writes on demand, as a full disk would.
 */
public final class InstrumentedKeyValueStore implements KeyValueStore {
    private final KeyValueStore delegate;
    private final AtomicInteger openCursors = new AtomicInteger();
    private final AtomicInteger writesToFail = new AtomicInteger();

    public InstrumentedKeyValueStore(KeyValueStore delegate) {
        this.delegate = delegate;
    }

    private final java.util.concurrent.atomic.AtomicInteger bulkLoads = new java.util.concurrent.atomic.AtomicInteger();

    /** Bulk loads started so far. */
    public int bulkLoads() {
        return bulkLoads.get();
    }

    private volatile long backgroundIngestDelayMillis;

    /** Makes ingests on background threads (not the test's own) take this long, to expose ordering races. */
    public void delayBackgroundIngests(long millis) {
        backgroundIngestDelayMillis = millis;
    }

    public int openCursors() {
        return openCursors.get();
    }

    /** Makes the next {@code count} batch writes fail with {@link StorageFullException}, writing nothing. */
    public void failNextWrites(int count) {
        writesToFail.set(count);
    }

    @Override
    public byte[] get(Column column, byte[] key) {
        return delegate.get(column, key);
    }

    @Override
    public int get(Column column, byte[] key, java.nio.ByteBuffer target) {
        return delegate.get(column, key, target);
    }

    @Override
    public Cursor scan(Column column, byte[] from, byte[] to) {
        return tracked(delegate.scan(column, from, to));
    }

    @Override
    public Cursor scanFromFloor(Column column, byte[] floor, byte[] at, byte[] to) {
        return tracked(delegate.scanFromFloor(column, floor, at, to));
    }

    private Cursor tracked(Cursor cursor) {
        openCursors.incrementAndGet();
        return new Cursor() {
            private boolean closed;

            @Override
            public boolean next() {
                return cursor.next();
            }

            @Override
            public byte[] key() {
                return cursor.key();
            }

            @Override
            public byte[] value() {
                return cursor.value();
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    openCursors.decrementAndGet();
                }
                cursor.close();
            }
        };
    }

    @Override
    public void write(Batch batch, boolean durable) {
        if (writesToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StorageFullException("no space left on the data volume (injected)", null);
        }
        delegate.write(batch, durable);
    }

    /** Ingests fail like writes when failures are injected: both are how bytes reach the store. */
    @Override
    public BulkLoad newBulkLoad(Column column) {
        bulkLoads.incrementAndGet();
        BulkLoad load = delegate.newBulkLoad(column);
        return new BulkLoad() {
            @Override
            public void put(byte[] key, java.nio.ByteBuffer value) {
                load.put(key, value);
            }

            @Override
            public void ingest() {
                if (writesToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new StorageFullException("no space left on the data volume (injected)", null);
                }
                if (backgroundIngestDelayMillis > 0 && Thread.currentThread().getName().startsWith("berth-ingest")) {
                    try {
                        Thread.sleep(backgroundIngestDelayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                load.ingest();
            }

            @Override
            public void close() {
                load.close();
            }
        };
    }

    @Override
    public long revision(Column column) {
        return delegate.revision(column);
    }

    @Override
    public void compact(Column column, java.util.List<KeyRange> ranges) {
        delegate.compact(column, ranges);
    }

    @Override
    public long diskUsage() {
        return delegate.diskUsage();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
