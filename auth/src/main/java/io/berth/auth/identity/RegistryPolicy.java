package io.berth.auth.identity;

import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.RecordCodec;
import java.util.Optional;

/** The registry policy: a resource policy over the whole registry, set with ECR's PutRegistryPolicy. */
public final class RegistryPolicy {
    /** The stored policy text. */
    public record Document(String text) {
    }

    private static final String ID = "registry";
    private final IamTable<Document> table;

    public RegistryPolicy(KeyValueStore kv, RecordCodec codec) {
        this.table = new IamTable<>(kv, codec, "registry-policy", Document.class);
    }

    public Optional<String> get() {
        return table.find(ID).map(Document::text);
    }

    public void put(String text) {
        table.put(ID, new Document(text));
    }

    public void delete() {
        table.delete(ID);
    }
}
