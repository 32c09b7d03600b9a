package io.berth.storage.rocksdb;

import io.berth.storage.kv.BulkLoad;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileWriter;

/**
 * A {@link BulkLoad} as one SST file in the store's staging directory, written by RocksDB's {@code SstFileWriter}
 * (flushed to the disk in the background as it grows, see {@link StagingFile}, and fsynced when finished) and moved
 * into the database by {@code ingestExternalFile}, which records it in the MANIFEST atomically. Keys of a load are
 * a narrow range (one upload's content id), so RocksDB places the file in the lowest level it fits, where no
 * compaction rewrites it; deleting the range and compacting drops it whole. Once ingested, the file is read back
 * into the page cache in the background ({@link PageCacheLoader}).
 */
final class RocksBulkLoad implements BulkLoad {
    /** Direct key buffer reused for every put; keys are short (content id + offset). */
    private static final int KEY_BUFFER_BYTES = 64;

    private final RocksDB db;
    private final ColumnFamilyHandle family;
    private final EnvOptions envOptions;
    private final Options fileOptions;
    private final Path file;
    private final PageCacheLoader cacheLoader;
    private final StagingFlusher flusher;
    private final Runnable afterIngest;
    private final Consumer<RocksBulkLoad> onClose;
    private SstFileWriter writer;
    private StagingFile staged;
    private ByteBuffer keyBuffer = ByteBuffer.allocateDirect(KEY_BUFFER_BYTES);
    private byte[] lastKey;
    private boolean spent;

    RocksBulkLoad(RocksDB db, ColumnFamilyHandle family, EnvOptions envOptions, Options fileOptions, Path file,
                  PageCacheLoader cacheLoader, StagingFlusher flusher, Runnable afterIngest,
                  Consumer<RocksBulkLoad> onClose) {
        this.db = db;
        this.family = family;
        this.envOptions = envOptions;
        this.fileOptions = fileOptions;
        this.file = file;
        this.cacheLoader = cacheLoader;
        this.flusher = flusher;
        this.afterIngest = afterIngest;
        this.onClose = onClose;
    }

    @Override
    public void put(byte[] key, ByteBuffer value) {
        requireOpen();
        if (lastKey != null && Arrays.compareUnsigned(key, lastKey) <= 0) {
            throw new IllegalArgumentException("bulk load keys must ascend");
        }
        try {
            if (writer == null) {
                SstFileWriter opened = new SstFileWriter(envOptions, fileOptions);
                try {
                    opened.open(file.toString());
                } catch (RocksDBException e) {
                    opened.close();
                    throw e;
                }
                writer = opened;
                staged = StagingFile.open(file, flusher);
            }
            writer.put(directKey(key), direct(value));
            lastKey = key.clone();
            staged.written(writer.fileSize());
        } catch (RocksDBException e) {
            throw RocksKeyValueStore.translate("bulk write failed", e);
        }
    }

    @Override
    public void ingest() {
        requireOpen();
        spent = true;
        if (writer == null) {
            close();
            return;
        }
        try (IngestExternalFileOptions options = new IngestExternalFileOptions().setMoveFiles(true)) {
            writer.finish();
            staged.verifyFlushed();
            db.ingestExternalFile(family, List.of(file.toString()), options);
            cacheLoader.load(staged.release());
        } catch (RocksDBException e) {
            throw RocksKeyValueStore.translate("bulk ingest failed", e);
        } finally {
            afterIngest.run();
            close();
        }
    }

    /** Closes the writer and removes the staging file (an ingest has moved it into the database already). */
    @Override
    public void close() {
        spent = true;
        closeWriter();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove staging file " + file, e);
        } finally {
            onClose.accept(this);
        }
    }

    private void closeWriter() {
        if (staged != null) {
            staged.close();
            staged = null;
        }
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    private void requireOpen() {
        if (spent) {
            throw new IllegalStateException("bulk load already ingested or closed");
        }
    }

    private ByteBuffer directKey(byte[] key) {
        if (key.length > keyBuffer.capacity()) {
            keyBuffer = ByteBuffer.allocateDirect(key.length);
        }
        return keyBuffer.clear().put(key).flip();
    }

    /** RocksDB's writer needs direct buffers; a heap value is copied once (chunk values arrive direct). */
    private static ByteBuffer direct(ByteBuffer value) {
        if (value.isDirect()) {
            return value.duplicate();
        }
        return ByteBuffer.allocateDirect(value.remaining()).put(value.duplicate()).flip();
    }
}
