package io.berth.storage.kv;

/**
 * The ordered key-value store under Berth's blob and metadata stores: get, scan in unsigned byte order, and
 * atomic batches. The RocksDB implementation is the real one; the in-memory one runs the same contract tests.
 * Every method blocks: call it from a worker thread, never from an event loop.
 */
public interface KeyValueStore extends AutoCloseable {

    /** The value of {@code key}, or null. */
    byte[] get(Column column, byte[] key);

    /**
     * Copies the value of {@code key} into {@code target} from its position, at most {@code target.remaining()}
     * bytes, and leaves the position after the last byte copied. For large values read into reusable (direct)
     * buffers without allocating.
     *
     * @return the value's whole length (which may exceed what fitted), or -1 when the key is absent
     */
    int get(Column column, byte[] key, java.nio.ByteBuffer target);

    /**
     * The entries with {@code from <= key < to} in order. Close the cursor when done.
     */
    Cursor scan(Column column, byte[] from, byte[] to);

    /**
     * Like {@link #scan} but starting at the greatest key {@code <= at} (or at the first key after it when none
     * is at or before it within {@code [floor, to)}). Used to start reading a blob in the middle of a chunk.
     */
    Cursor scanFromFloor(Column column, byte[] floor, byte[] at, byte[] to);

    /** A new empty batch; nothing is written before {@link #write}. */
    default Batch newBatch() {
        return new Batch();
    }

    /**
     * Applies every operation of the batch atomically: after a crash either all of it is there or none.
     *
     * @param durable true to wait until the change is on disk (fsync of the write-ahead log)
     */
    void write(Batch batch, boolean durable);

    /**
     * A new bulk load into {@code column}: sorted entries that bypass the log and reach the store in one
     * ingest. Close it when done.
     */
    BulkLoad newBulkLoad(Column column);

    /**
     * A number that grows after every {@link #write} (or {@link BulkLoad#ingest}) touching {@code column}, once
     * the write is visible (or has failed). Something computed from a column's entries and tagged with the revision read <em>before</em>
     * reading them is current as long as the revision has not changed: caches use it to see any change at once.
     * Never blocks; counts from zero when the store is opened.
     */
    long revision(Column column);

    /** Asks the store to reclaim the disk space of deleted keys in these ranges, in one go; may take a while. */
    void compact(Column column, java.util.List<KeyRange> ranges);

    /** Disk bytes used by the store, as far as it knows (for tests and metrics). */
    long diskUsage();

    @Override
    void close();
}
