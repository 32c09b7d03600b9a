package io.berth.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.berth.storage.blob.BlobInfo;
import io.berth.storage.kv.InMemoryKeyValueStore;
import io.berth.storage.kv.KeyValueStore;
import org.junit.jupiter.api.Test;

class InMemoryStoreTest extends StoreContract {
    private InMemoryKeyValueStore memory;

    @Override
    protected KeyValueStore newKeyValueStore() {
        memory = new InMemoryKeyValueStore();
        return memory;
    }

    /** A new {@link Store} over the same maps: what survives is exactly what the key-value store holds. */
    @Override
    protected KeyValueStore restartKeyValueStore(KeyValueStore current) {
        return memory;
    }

    @Test
    void inMemoryFactoryBuildsAWorkingStore() {
        try (Store other = Store.inMemory(clock, CHUNK)) {
            byte[] content = randomBytes(2 * CHUNK + 1);
            String id = other.uploads().start(REPO).id();
            try (var sink = other.uploads().openSink(REPO, id, 0)) {
                sink.write(content, 0, content.length);
            }
            BlobInfo blob = other.uploads().commit(REPO, id, io.berth.storage.model.Digest.sha256(content));
            assertArrayEquals(content, readFrom(other, blob.digest(), 0));
        }
    }
}
