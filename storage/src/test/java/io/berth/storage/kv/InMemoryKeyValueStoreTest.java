package io.berth.storage.kv;

class InMemoryKeyValueStoreTest extends KeyValueStoreContract {
    @Override
    protected KeyValueStore open() {
        return new InMemoryKeyValueStore();
    }
}
