package io.berth.storage.rocksdb;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ChecksumType;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.EnvOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
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
     * families that keep the oldest log alive. Small upload tails (less than a chunk) and deletions go through
     * the log (large uploads are ingested as table files), and the metadata families rarely fill their memtables; RocksDB's default (4 x the sum of every family's buffers, about 6 GiB here) would
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

    /**
     * Table files kept open at once. Each bulk-loaded upload segment is its own small file, so a store with many
     * blobs has many files; past this count RocksDB closes the least used and reopens them on demand, so file
     * descriptors and table-reader memory stay bounded however many blobs are stored.
     */
    private static final int MAX_OPEN_FILES = 2048;

    private final LRUCache blockCache;
    private final WriteBufferManager writeBufferManager;
    private final BloomFilter bloomFilter;
    private final DBOptions database;
    private final ColumnFamilyOptions bulkFamily;
    private final ColumnFamilyOptions metadataFamily;
    private final BlockBasedTableConfig bulkTables;
    private final EnvOptions envOptions;
    private final Options bulkFileOptions;
    private final Options metadataFileOptions;

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
                .setAvoidUnnecessaryBlockingIO(true)
                .setMaxOpenFiles(MAX_OPEN_FILES)
                // let the kernel read ahead: a download reads a blob's chunks in key order, 1 MiB at a time, and
                // with RocksDB's default (random access advice) every chunk not cached is one synchronous disk
                // read; metadata lookups are served from the block cache
                .setAdviseRandomOnOpen(false);
        // chunk tables: XXH3 block checksums (CRC32C is computed in software by the portable native build) and
        // no block cache: a pull reads each chunk once, caching it would only evict metadata
        this.bulkTables = new BlockBasedTableConfig()
                .setChecksumType(ChecksumType.kXXH3)
                .setNoBlockCache(true);
        this.bulkFamily = new ColumnFamilyOptions()
                .setEnableBlobFiles(true)
                .setMinBlobSize(0)
                .setBlobFileSize(settings.blobFileBytes())
                .setBlobCompressionType(CompressionType.NO_COMPRESSION)
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setEnableBlobGarbageCollection(true)
                .setBlobGarbageCollectionAgeCutoff(0.5)
                .setWriteBufferSize(settings.writeBufferBytes())
                .setMaxWriteBufferNumber(TOTAL_WRITE_BUFFERS + 1)
                .setTableFormatConfig(bulkTables);
        this.metadataFamily = new ColumnFamilyOptions()
                .setWriteBufferSize(METADATA_WRITE_BUFFER_BYTES)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(blockCache)
                        .setFilterPolicy(bloomFilter)
                        .setCacheIndexAndFilterBlocks(true));
        this.envOptions = new EnvOptions();
        this.bulkFileOptions = new Options(database, bulkFamily);
        this.metadataFileOptions = new Options(database, metadataFamily);
    }

    EnvOptions envOptions() {
        return envOptions;
    }

    /** Options for files bulk-loaded into a column: they must match the column's table format. */
    Options bulkFileOptions(boolean bulkColumn) {
        return bulkColumn ? bulkFileOptions : metadataFileOptions;
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
        metadataFileOptions.close();
        bulkFileOptions.close();
        envOptions.close();
        metadataFamily.close();
        bulkFamily.close();
        database.close();
        writeBufferManager.close();
        bloomFilter.close();
        blockCache.close();
    }
}
