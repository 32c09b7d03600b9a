package io.berth.storage.kv;

import java.nio.ByteBuffer;

/**
 * Entries of one column written in key order outside the write-ahead log and the memtables, then added to the
 * store in one atomic, durable step. For bulk bytes (blob chunks): they reach the disk once, straight into the
 * store's own files, instead of once to the log and again when the memtable is flushed. Nothing put is visible
 * before {@link #ingest}; closing a load that was not ingested discards it. Blocking, one thread at a time.
 */
public interface BulkLoad extends AutoCloseable {

    /**
     * Adds an entry; the value is the remaining bytes of {@code value}, copied before this returns.
     *
     * @throws IllegalArgumentException when {@code key} is not greater than the key put before it
     */
    void put(byte[] key, ByteBuffer value);

    /**
     * Makes every entry put so far part of the store, all at once, and on disk when this returns (a crash
     * afterwards keeps them, a crash before leaves none). A load with no entries does nothing. Entries with keys
     * already in the store replace them. The load is spent afterwards.
     */
    void ingest();

    /** Discards the entries unless they were ingested. */
    @Override
    void close();
}
