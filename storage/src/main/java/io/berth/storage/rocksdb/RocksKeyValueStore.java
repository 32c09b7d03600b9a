package io.berth.storage.rocksdb;

import io.berth.storage.error.StorageFailureException;
import io.berth.storage.error.StorageFullException;
import io.berth.storage.kv.Batch;
import io.berth.storage.kv.BulkLoad;
import io.berth.storage.kv.Column;
import io.berth.storage.kv.ColumnRevisions;
import io.berth.storage.kv.Cursor;
import io.berth.storage.kv.KeyRange;
import io.berth.storage.kv.KeyValueStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB-backed {@link KeyValueStore}: one database, one column family per {@link Column}. The only class
 * (with {@link RocksOptions}) that touches {@code org.rocksdb}. The write-ahead log is always on: RocksDB is the
 * source of truth for blobs and metadata alike.
 */
public final class RocksKeyValueStore implements KeyValueStore {
    static {
        RocksDB.loadLibrary();
    }

    /**
     * Subdirectory of the store holding bulk-load files until they are ingested. RocksDB ignores names it did not
     * create; whatever is left here after a crash was never ingested and is removed when the store opens.
     */
    static final String STAGING_DIRECTORY = "staging";

    private final RocksOptions options;
    private final RocksDB db;
    private final ColumnFamilyHandle defaultFamily;
    private final Map<Column, ColumnFamilyHandle> families = new EnumMap<>(Column.class);
    /**
     * Reads of blob chunks skip RocksDB's block checksums: they halve download throughput (the portable native
     * build computes CRC32C in software), while every blob is content-addressed and verified end to end instead,
     * by the clients that pull it (they check the digest) and by {@code berth check}. Metadata reads verify.
     */
    private final ReadOptions chunkReads = new ReadOptions().setVerifyChecksums(false);
    private final ReadOptions defaultReads = new ReadOptions();
    private final WriteOptions fastWrite;
    private final WriteOptions durableWrite;
    private final Path directory;
    /** Open cursors, closed with the store so that no native iterator outlives its database. */
    private final Set<RocksCursor> openCursors = ConcurrentHashMap.newKeySet();
    /** Where bulk loads write their files before ingestion: inside the store, so that a move is a link. */
    private final Path staging;
    /** Bulk loads not yet ingested or closed, closed with the store (their files are discarded). */
    private final Set<RocksBulkLoad> openBulkLoads = ConcurrentHashMap.newKeySet();
    private final AtomicLong bulkLoadCounter = new AtomicLong();
    private final PageCacheLoader cacheLoader = new PageCacheLoader();
    private final StagingFlusher flusher = new StagingFlusher();
    private final ColumnRevisions revisions = new ColumnRevisions();

    private RocksKeyValueStore(Path directory, RocksOptions options, RocksDB db, List<ColumnFamilyHandle> handles) {
        this.directory = directory;
        this.staging = directory.resolve(STAGING_DIRECTORY);
        this.options = options;
        this.db = db;
        this.defaultFamily = handles.get(0);
        Column[] columns = Column.values();
        for (int i = 0; i < columns.length; i++) {
            families.put(columns[i], handles.get(i + 1));
        }
        this.fastWrite = new WriteOptions();
        this.durableWrite = new WriteOptions().setSync(true);
    }

    /** Opens (creating if needed) the database in {@code directory}. */
    public static RocksKeyValueStore open(Path directory, RocksSettings settings) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + directory, e);
        }
        RocksOptions options = new RocksOptions(settings);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, options.metadataFamily()));
        for (Column column : Column.values()) {
            descriptors.add(new ColumnFamilyDescriptor(column.familyName().getBytes(),
                    column.bulk() ? options.bulkFamily() : options.metadataFamily()));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            RocksDB db = RocksDB.open(options.database(), directory.toString(), descriptors, handles);
            RocksKeyValueStore store = new RocksKeyValueStore(directory, options, db, handles);
            try {
                // only once the database's lock is ours: another process with it open may be staging files
                emptyStaging(store.staging);
            } catch (UncheckedIOException e) {
                store.close();
                throw e;
            }
            return store;
        } catch (RocksDBException e) {
            options.close();
            throw translate("cannot open the store in " + directory, e);
        }
    }

    @Override
    public byte[] get(Column column, byte[] key) {
        try {
            return db.get(families.get(column), key);
        } catch (RocksDBException e) {
            throw translate("read failed", e);
        }
    }

    @Override
    public int get(Column column, byte[] key, ByteBuffer target) {
        if (!target.isDirect()) {
            byte[] value = get(column, key);
            if (value == null) {
                return -1;
            }
            target.put(value, 0, Math.min(value.length, target.remaining()));
            return value.length;
        }
        ByteBuffer directKey = ByteBuffer.allocateDirect(key.length).put(key).flip();
        int start = target.position();
        try {
            int length = db.get(families.get(column), column.bulk() ? chunkReads : defaultReads, directKey,
                    target.duplicate());
            if (length >= 0) {
                target.position(start + Math.min(length, target.limit() - start));
            }
            return length == RocksDB.NOT_FOUND ? -1 : length;
        } catch (RocksDBException e) {
            throw translate("read failed", e);
        }
    }

    @Override
    public BulkLoad newBulkLoad(Column column) {
        Path file = staging.resolve("load-" + bulkLoadCounter.incrementAndGet() + ".sst");
        RocksBulkLoad load = new RocksBulkLoad(db, families.get(column), options.envOptions(),
                options.bulkFileOptions(column.bulk()), file, cacheLoader, flusher, () -> revisions.written(column),
                openBulkLoads::remove);
        openBulkLoads.add(load);
        return load;
    }

    /** Creates the staging directory, or empties it of the files of loads a crash interrupted. */
    private static void emptyStaging(Path staging) {
        try {
            Files.createDirectories(staging);
            try (var files = Files.list(staging)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare staging directory " + staging, e);
        }
    }

    @Override
    public Cursor scan(Column column, byte[] from, byte[] to) {
        RocksCursor cursor = new RocksCursor(to);
        cursor.iterator = db.newIterator(families.get(column), cursor.readOptions);
        cursor.iterator.seek(from);
        return track(cursor);
    }

    @Override
    public Cursor scanFromFloor(Column column, byte[] floor, byte[] at, byte[] to) {
        RocksCursor cursor = new RocksCursor(to);
        cursor.iterator = db.newIterator(families.get(column), cursor.readOptions);
        cursor.iterator.seekForPrev(at);
        if (!cursor.iterator.isValid() || java.util.Arrays.compareUnsigned(cursor.iterator.key(), floor) < 0) {
            cursor.iterator.seek(floor);
        }
        return track(cursor);
    }

    private Cursor track(RocksCursor cursor) {
        openCursors.add(cursor);
        return cursor;
    }

    @Override
    public void write(Batch batch, boolean durable) {
        try (WriteBatch writeBatch = new WriteBatch()) {
            for (Batch.Op op : batch.ops()) {
                ColumnFamilyHandle family = families.get(op.column());
                switch (op) {
                    case Batch.Put put -> writeBatch.put(family, put.key(), put.value());
                    case Batch.PutBuffer put -> writeBatch.put(family, direct(put.key()), direct(put.value()));
                    case Batch.Delete delete -> writeBatch.delete(family, delete.key());
                    case Batch.DeleteRange range -> writeBatch.deleteRange(family, range.from(), range.to());
                }
            }
            db.write(durable ? durableWrite : fastWrite, writeBatch);
        } catch (RocksDBException e) {
            throw translate("write failed", e);
        } finally {
            revisions.written(batch);
        }
    }

    @Override
    public long revision(Column column) {
        return revisions.get(column);
    }

    /** The bytes as a direct buffer, which RocksDB's buffer API needs; direct buffers pass through as they are. */
    private static ByteBuffer direct(ByteBuffer buffer) {
        if (buffer.isDirect()) {
            return buffer.duplicate();
        }
        return ByteBuffer.allocateDirect(buffer.remaining()).put(buffer.duplicate()).flip();
    }

    private static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    /**
     * Flushes every column family once, then compacts each range. Deleted bytes still in the memtable also sit in the
     * write-ahead log, and a log file is only deleted once every family with entries in it has flushed: the
     * metadata families rarely fill their memtables, so without flushing them the log (and the deleted blob
     * bytes in it) would stay on disk.
     */
    @Override
    public void compact(Column column, List<KeyRange> ranges) {
        if (ranges.isEmpty()) {
            return;
        }
        List<ColumnFamilyHandle> all = new ArrayList<>(families.values());
        all.add(defaultFamily);
        try (FlushOptions flushOptions = new FlushOptions().setWaitForFlush(true);
             CompactRangeOptions compactOptions = new CompactRangeOptions()
                .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForce)) {
            db.flush(flushOptions, all);
            for (KeyRange range : ranges) {
                db.compactRange(families.get(column), range.from(), range.to(), compactOptions);
            }
        } catch (RocksDBException e) {
            throw translate("compaction failed", e);
        }
    }

    /** Sums the files' sizes; files RocksDB deletes while they are being counted are simply skipped. */
    @Override
    public long diskUsage() {
        long[] total = {0};
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    total[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException gone) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return -1;
        }
        return total[0];
    }

    /** Background flushes of staging files so far (see {@link StagingFlusher}). */
    long stagingFlushes() {
        return flusher.flushes();
    }

    /** Closes, in order: open cursors and bulk loads, column family handles, the database, then the options they used. */
    @Override
    public void close() {
        for (RocksCursor cursor : List.copyOf(openCursors)) {
            cursor.close();
        }
        for (RocksBulkLoad load : List.copyOf(openBulkLoads)) {
            load.close();
        }
        flusher.close();
        cacheLoader.close();
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            // closing anyway; the WAL is replayed on the next open
        }
        families.values().forEach(ColumnFamilyHandle::close);
        defaultFamily.close();
        db.close();
        chunkReads.close();
        defaultReads.close();
        fastWrite.close();
        durableWrite.close();
        options.close();
    }

    static StorageFailureException translate(String what, RocksDBException e) {
        Status status = e.getStatus();
        boolean noSpace = status != null && (status.getSubCode() == Status.SubCode.NoSpace
                || String.valueOf(status.getState()).contains("No space left"))
                || String.valueOf(e.getMessage()).contains("No space left");
        if (noSpace) {
            return new StorageFullException("no space left on the data volume", e);
        }
        return new StorageFailureException(what + ": " + e.getMessage(), e);
    }

    /** An iterator bounded by an exclusive upper key; closes its native objects in reverse order of creation. */
    private final class RocksCursor implements Cursor {
        private final Slice upperBound;
        private final ReadOptions readOptions;
        private RocksIterator iterator;
        private boolean started;
        /** True once next() returned false: RocksDB's Next() on an invalid iterator crashes the process. */
        private boolean exhausted;
        private boolean closed;

        RocksCursor(byte[] to) {
            this.upperBound = new Slice(to);
            this.readOptions = new ReadOptions().setIterateUpperBound(upperBound);
        }

        @Override
        public boolean next() {
            if (closed) {
                throw new IllegalStateException("cursor is closed");
            }
            if (exhausted) {
                return false;
            }
            if (started) {
                iterator.next();
            }
            started = true;
            if (iterator.isValid()) {
                return true;
            }
            exhausted = true;
            try {
                iterator.status();
            } catch (RocksDBException e) {
                throw translate("scan failed", e);
            }
            return false;
        }

        @Override
        public byte[] key() {
            requirePositioned();
            return iterator.key();
        }

        @Override
        public byte[] value() {
            requirePositioned();
            return iterator.value();
        }

        /** Reading an unpositioned or closed native iterator is undefined behaviour (a crash), not an error. */
        private void requirePositioned() {
            if (closed || !started || exhausted) {
                throw new IllegalStateException("cursor is not on an entry");
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            openCursors.remove(this);
            iterator.close();
            readOptions.close();
            upperBound.close();
        }
    }
}
