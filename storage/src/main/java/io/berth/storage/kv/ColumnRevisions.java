package io.berth.storage.kv;

import java.util.concurrent.atomic.AtomicLongArray;

/** The write counters behind {@link KeyValueStore#revision}, one per column. Thread-safe. */
public final class ColumnRevisions {
    private final AtomicLongArray counts = new AtomicLongArray(Column.values().length);

    public long get(Column column) {
        return counts.get(column.ordinal());
    }

    /** Counts one write to {@code column} (a bulk load ingested into it); call it after the write (or failure). */
    public void written(Column column) {
        counts.incrementAndGet(column.ordinal());
    }

    /** Counts a batch once in each column it touches; call it after the batch is applied (or failed). */
    public void written(Batch batch) {
        boolean[] touched = new boolean[Column.values().length];
        for (Batch.Op op : batch.ops()) {
            touched[op.column().ordinal()] = true;
        }
        for (int i = 0; i < touched.length; i++) {
            if (touched[i]) {
                counts.incrementAndGet(i);
            }
        }
    }
}
