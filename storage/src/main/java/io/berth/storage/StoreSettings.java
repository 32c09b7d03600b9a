package io.berth.storage;

import io.berth.storage.rocksdb.RocksSettings;

/**
 * Settings of the store.
 *
 * @param chunkBytes size of the chunks blobs are split into
 * @param rocks      RocksDB tunables
 */
public record StoreSettings(int chunkBytes, RocksSettings rocks) {
    /**
     * 1 MiB: a Range request starts at most 1 MiB before its first byte, a read holds one chunk in memory, and
     * a 1 GiB blob is 1,024 keys: few enough for RocksDB, small enough to keep memory flat.
     */
    public static final int DEFAULT_CHUNK_BYTES = 1 << 20;

    public StoreSettings {
        if (chunkBytes < 1024 || chunkBytes > 16 << 20) {
            throw new IllegalArgumentException("chunk size must be between 1 KiB and 16 MiB");
        }
    }

    public static StoreSettings defaults() {
        return new StoreSettings(DEFAULT_CHUNK_BYTES, RocksSettings.defaults());
    }
}
