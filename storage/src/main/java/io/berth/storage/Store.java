package io.berth.storage;

import io.berth.storage.blob.BlobStore;
import io.berth.storage.blob.ChunkBuffers;
import io.berth.storage.blob.UploadStore;
import io.berth.storage.gc.GarbageCollector;
import io.berth.storage.kv.InMemoryKeyValueStore;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.RecordCodec;
import io.berth.storage.meta.ManifestStore;
import io.berth.storage.meta.ReferrerIndex;
import io.berth.storage.meta.RepositoryStore;
import io.berth.storage.rocksdb.RocksKeyValueStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Berth's store, wired in one place: blobs, uploads, repositories, manifests and tags, referrers and garbage
 * collection over one {@link KeyValueStore}. All methods of the parts block; call them from worker threads.
 */
public final class Store implements AutoCloseable {
    private final KeyValueStore kv;
    private final RecordCodec codec;
    private final BlobStore blobs;
    private final UploadStore uploads;
    private final RepositoryStore repositories;
    private final ManifestStore manifests;
    private final ReferrerIndex referrers;
    private final GarbageCollector collector;
    private final AtomicBoolean closed = new AtomicBoolean();

    public Store(KeyValueStore kv, Clock clock, int chunkBytes) {
        this.kv = kv;
        this.codec = new RecordCodec();
        StoreLocks locks = new StoreLocks();
        this.blobs = new BlobStore(kv, codec, new ChunkBuffers(chunkBytes));
        this.repositories = new RepositoryStore(kv, codec);
        this.referrers = new ReferrerIndex(kv, codec);
        this.uploads = new UploadStore(kv, codec, blobs, repositories, locks, clock, chunkBytes);
        this.manifests = new ManifestStore(kv, codec, blobs, repositories, referrers, locks, clock);
        this.collector = new GarbageCollector(kv, codec, locks, clock);
    }

    /** Opens the RocksDB store in {@code directory}, creating it on first use. */
    public static Store open(Path directory, StoreSettings settings, Clock clock) {
        return new Store(RocksKeyValueStore.open(directory, settings.rocks()), clock, settings.chunkBytes());
    }

    /** A store in memory, for tests. */
    public static Store inMemory(Clock clock, int chunkBytes) {
        return new Store(new InMemoryKeyValueStore(), clock, chunkBytes);
    }

    public BlobStore blobs() {
        return blobs;
    }

    public UploadStore uploads() {
        return uploads;
    }

    public RepositoryStore repositories() {
        return repositories;
    }

    public ManifestStore manifests() {
        return manifests;
    }

    public ReferrerIndex referrers() {
        return referrers;
    }

    public GarbageCollector collector() {
        return collector;
    }

    /** The key-value store underneath, for modules that keep their own records in it (identities). */
    public KeyValueStore keyValueStore() {
        return kv;
    }

    /** The record encoding every module uses. */
    public RecordCodec codec() {
        return codec;
    }

    /** Disk bytes used, as far as the store knows. */
    public long diskUsage() {
        return kv.diskUsage();
    }

    /** Closes the store once; later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                uploads.close();
            } finally {
                kv.close();
            }
        }
    }
}
