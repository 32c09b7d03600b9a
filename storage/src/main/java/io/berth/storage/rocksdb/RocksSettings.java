package io.berth.storage.rocksdb;

/**
 * Tunables of the RocksDB store.
 *
 * @param writeBufferBytes memtable size of the blob column (it holds only the small tails of uploads that go
 *                         through the log, and deletions: larger upload bytes are ingested as table files)
 * @param blobFileBytes    target size of one blob file; smaller files are freed sooner when their blobs go
 * @param blockCacheBytes  cache of metadata blocks shared by the metadata columns
 */
public record RocksSettings(long writeBufferBytes, long blobFileBytes, long blockCacheBytes) {
    /** 64 MiB: many small blobs per flush; memory is used only as tails arrive, never for large uploads. */
    public static final long DEFAULT_WRITE_BUFFER_BYTES = 64L << 20;
    /** 64 MiB: large layers fill whole files, which are deleted outright once their blob is collected. */
    public static final long DEFAULT_BLOB_FILE_BYTES = 64L << 20;
    /** 32 MiB: enough for the index and filter blocks of millions of tags and manifests. */
    public static final long DEFAULT_BLOCK_CACHE_BYTES = 32L << 20;

    public static RocksSettings defaults() {
        return new RocksSettings(DEFAULT_WRITE_BUFFER_BYTES, DEFAULT_BLOB_FILE_BYTES, DEFAULT_BLOCK_CACHE_BYTES);
    }
}
