package io.berth.storage.rocksdb;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.WriteBufferManager;

/**
 * The native option objects of the store, created together and closed together after the database.
 * Blob bytes go to blob files uncompressed (layers are already compressed); metadata is LZ4-compressed with
 * bloom filters for point lookups.
 */
final class RocksOptions implements AutoCloseable {
    /** Background flush and compaction threads: the machine has few cores and pushes need CPU for hashing. */
    private static final int BACKGROUND_JOBS = 2;
    /**
     * Write-ahead log size, as a multiple of the blob column's write buffer, past which RocksDB flushes the
     * families that keep the oldest log alive. Blob bytes go through the log, and the metadata families rarely
     * fill their memtables; RocksDB's default (4 x the sum of every family's buffers, about 6 GiB here) would
     * keep gigabytes of logs, including bytes of deleted uploads and blobs, and replay them all on restart.
     */
    private static final int WAL_WRITE_BUFFERS = 4;

    /**
     * 8 MiB memtables for the metadata families: they hold small records; RocksDB's 64 MiB default times ten
     * families would reserve memory for nothing.
     */
    private static final long METADATA_WRITE_BUFFER_BYTES = 8L << 20;
    /**
     * All memtables together stay under this many blob write buffers: RocksDB flushes the largest when the sum
     * is reached, so resident memory stays flat however many uploads write at once.
     */
    private static final int TOTAL_WRITE_BUFFERS = 2;

    private final LRUCache blockCache;
    private final WriteBufferManager writeBufferManager;
    private final BloomFilter bloomFilter;
    private final DBOptions database;
    private final ColumnFamilyOptions bulkFamily;
    private final ColumnFamilyOptions metadataFamily;

    RocksOptions(RocksSettings settings) {
        long memtables = TOTAL_WRITE_BUFFERS * settings.writeBufferBytes();
        // memtable memory is charged to the cache, so the cache is sized for both
        this.blockCache = new LRUCache(settings.blockCacheBytes() + memtables);
        this.writeBufferManager = new WriteBufferManager(memtables, blockCache);
        this.bloomFilter = new BloomFilter(10);
        this.database = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(BACKGROUND_JOBS)
                .setKeepLogFileNum(5)
                .setMaxTotalWalSize(WAL_WRITE_BUFFERS * settings.writeBufferBytes())
                .setWriteBufferManager(writeBufferManager)
                .setAvoidUnnecessaryBlockingIO(true);
        this.bulkFamily = new ColumnFamilyOptions()
                .setEnableBlobFiles(true)
                .setMinBlobSize(0)
                .setBlobFileSize(settings.blobFileBytes())
                .setBlobCompressionType(CompressionType.NO_COMPRESSION)
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setEnableBlobGarbageCollection(true)
                .setBlobGarbageCollectionAgeCutoff(0.5)
                .setWriteBufferSize(settings.writeBufferBytes())
                .setMaxWriteBufferNumber(TOTAL_WRITE_BUFFERS + 1);
        this.metadataFamily = new ColumnFamilyOptions()
                .setWriteBufferSize(METADATA_WRITE_BUFFER_BYTES)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(blockCache)
                        .setFilterPolicy(bloomFilter)
                        .setCacheIndexAndFilterBlocks(true));
    }

    DBOptions database() {
        return database;
    }

    ColumnFamilyOptions bulkFamily() {
        return bulkFamily;
    }

    ColumnFamilyOptions metadataFamily() {
        return metadataFamily;
    }

    /** Closes the column family options before the shared objects they point to. */
    @Override
    public void close() {
        metadataFamily.close();
        bulkFamily.close();
        database.close();
        writeBufferManager.close();
        bloomFilter.close();
        blockCache.close();
    }
}
