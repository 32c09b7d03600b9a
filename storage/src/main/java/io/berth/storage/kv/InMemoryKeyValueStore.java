package io.berth.storage.kv;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link KeyValueStore} in memory, for fast tests of the logic above it. Batches are atomic with respect to
 * each other and to single reads (a read-write lock), as RocksDB's are.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {
    private final Map<Column, ConcurrentSkipListMap<byte[], byte[]>> columns = new EnumMap<>(Column.class);
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ColumnRevisions revisions = new ColumnRevisions();

    public InMemoryKeyValueStore() {
        for (Column column : Column.values()) {
            columns.put(column, new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
        }
    }

    @Override
    public byte[] get(Column column, byte[] key) {
        lock.readLock().lock();
        try {
            byte[] value = columns.get(column).get(key);
            return value == null ? null : value.clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int get(Column column, byte[] key, java.nio.ByteBuffer target) {
        byte[] value = get(column, key);
        if (value == null) {
            return -1;
        }
        target.put(value, 0, Math.min(value.length, target.remaining()));
        return value.length;
    }

    @Override
    public Cursor scan(Column column, byte[] from, byte[] to) {
        return cursorOver(range(columns.get(column), from, to));
    }

    @Override
    public Cursor scanFromFloor(Column column, byte[] floor, byte[] at, byte[] to) {
        NavigableMap<byte[], byte[]> range = range(columns.get(column), floor, to);
        byte[] start = range.floorKey(at);
        return cursorOver(start == null ? range : range.tailMap(start, true));
    }

    /** {@code [from, to)}, empty when {@code from >= to} (as RocksDB's bounded iterators; subMap would throw). */
    private static NavigableMap<byte[], byte[]> range(NavigableMap<byte[], byte[]> map, byte[] from, byte[] to) {
        if (Arrays.compareUnsigned(from, to) >= 0) {
            return java.util.Collections.emptyNavigableMap();
        }
        return map.subMap(from, true, to, false);
    }

    private static Cursor cursorOver(NavigableMap<byte[], byte[]> view) {
        Iterator<Map.Entry<byte[], byte[]>> iterator = view.entrySet().iterator();
        return new Cursor() {
            private Map.Entry<byte[], byte[]> current;

            @Override
            public boolean next() {
                current = iterator.hasNext() ? iterator.next() : null;
                return current != null;
            }

            @Override
            public byte[] key() {
                return current.getKey().clone();
            }

            @Override
            public byte[] value() {
                return current.getValue().clone();
            }

            @Override
            public void close() {
                current = null;
            }
        };
    }

    @Override
    public void write(Batch batch, boolean durable) {
        lock.writeLock().lock();
        try {
            for (Batch.Op op : batch.ops()) {
                ConcurrentSkipListMap<byte[], byte[]> map = columns.get(op.column());
                switch (op) {
                    case Batch.Put put -> map.put(put.key().clone(), put.value().clone());
                    case Batch.PutBuffer put -> {
                        byte[] value = new byte[put.value().remaining()];
                        put.value().duplicate().get(value);
                        map.put(put.key().clone(), value);
                    }
                    case Batch.Delete delete -> map.remove(delete.key());
                    case Batch.DeleteRange range -> map.subMap(range.from(), true, range.to(), false).clear();
                }
            }
        } finally {
            lock.writeLock().unlock();
            revisions.written(batch);
        }
    }

    @Override
    public BulkLoad newBulkLoad(Column column) {
        return new InMemoryBulkLoad(column);
    }

    @Override
    public long revision(Column column) {
        return revisions.get(column);
    }

    @Override
    public void compact(Column column, java.util.List<KeyRange> ranges) {
        // nothing to reclaim: deleted entries are gone at once
    }

    @Override
    public long diskUsage() {
        long total = 0;
        for (ConcurrentSkipListMap<byte[], byte[]> map : columns.values()) {
            for (Map.Entry<byte[], byte[]> entry : map.entrySet()) {
                total += entry.getKey().length + entry.getValue().length;
            }
        }
        return total;
    }

    @Override
    public void close() {
        columns.values().forEach(Map::clear);
    }

    /** Collects the entries in a batch, written as one at ingest. */
    private final class InMemoryBulkLoad implements BulkLoad {
        private final Column column;
        private Batch batch = new Batch();
        private byte[] lastKey;

        InMemoryBulkLoad(Column column) {
            this.column = column;
        }

        @Override
        public void put(byte[] key, java.nio.ByteBuffer value) {
            if (batch == null) {
                throw new IllegalStateException("bulk load already ingested or closed");
            }
            if (lastKey != null && Arrays.compareUnsigned(key, lastKey) <= 0) {
                throw new IllegalArgumentException("bulk load keys must ascend");
            }
            lastKey = key.clone();
            byte[] copy = new byte[value.remaining()];
            value.duplicate().get(copy);
            batch.put(column, lastKey, copy);
        }

        @Override
        public void ingest() {
            if (batch == null) {
                throw new IllegalStateException("bulk load already ingested or closed");
            }
            write(batch, true);
            batch = null;
        }

        @Override
        public void close() {
            batch = null;
        }
    }
}
