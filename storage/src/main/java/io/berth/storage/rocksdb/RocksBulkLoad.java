package io.berth.storage.rocksdb;

import io.berth.storage.kv.BulkLoad;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
 * (fsynced when finished) and moved into the database by {@code ingestExternalFile}, which records it in the
 * MANIFEST atomically. Keys of a load are a narrow range (one upload's content id), so RocksDB places the file in
 * the lowest level it fits, where no compaction rewrites it; deleting the range and compacting drops it whole.
 * Once ingested, the file is read back into the page cache in the background ({@link PageCacheLoader}).
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
    private final Runnable afterIngest;
    private final Consumer<RocksBulkLoad> onClose;
    private SstFileWriter writer;
    private ByteBuffer keyBuffer = ByteBuffer.allocateDirect(KEY_BUFFER_BYTES);
    private byte[] lastKey;
    private boolean spent;

    RocksBulkLoad(RocksDB db, ColumnFamilyHandle family, EnvOptions envOptions, Options fileOptions, Path file,
                  PageCacheLoader cacheLoader, Runnable afterIngest, Consumer<RocksBulkLoad> onClose) {
        this.db = db;
        this.family = family;
        this.envOptions = envOptions;
        this.fileOptions = fileOptions;
        this.file = file;
        this.cacheLoader = cacheLoader;
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
                writer = new SstFileWriter(envOptions, fileOptions);
                writer.open(file.toString());
            }
            writer.put(directKey(key), direct(value));
            lastKey = key.clone();
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
        FileChannel written = null;
        try (IngestExternalFileOptions options = new IngestExternalFileOptions().setMoveFiles(true)) {
            writer.finish();
            written = cacheLoader.open(file);
            db.ingestExternalFile(family, List.of(file.toString()), options);
            cacheLoader.load(written);
            written = null;
        } catch (RocksDBException e) {
            throw RocksKeyValueStore.translate("bulk ingest failed", e);
        } finally {
            closeQuietly(written);
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
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // opened for reading only: nothing to lose
            }
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
