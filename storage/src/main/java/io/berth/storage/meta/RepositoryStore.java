package io.berth.storage.meta;

import io.berth.storage.error.NameUnknownException;
import io.berth.storage.kv.Batch;
import io.berth.storage.kv.Column;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.Keys;
import io.berth.storage.kv.RecordCodec;
import io.berth.storage.model.RepositoryName;
import java.util.Optional;

/** Repositories: created by the first push into them, listed by the catalog. */
public final class RepositoryStore {
    private final KeyValueStore kv;
    private final RecordCodec codec;

    public RepositoryStore(KeyValueStore kv, RecordCodec codec) {
        this.kv = kv;
        this.codec = codec;
    }

    public Optional<RepositoryRecord> find(RepositoryName name) {
        byte[] value = kv.get(Column.REPOSITORIES, Keys.repository(name));
        return value == null ? Optional.empty() : Optional.of(codec.decode(value, RepositoryRecord.class));
    }

    public RepositoryRecord require(RepositoryName name) {
        return find(name).orElseThrow(() -> new NameUnknownException("repository name not known to registry",
                name.value()));
    }

    /** Adds the repository's creation to {@code batch} unless it exists already. */
    public void addIfAbsent(Batch batch, RepositoryName name, long now) {
        if (find(name).isEmpty()) {
            batch.put(Column.REPOSITORIES, Keys.repository(name), codec.encode(new RepositoryRecord(name.value(), now, null)));
        }
    }

    /** Sets (or with null removes) the repository's policy document. */
    public void setPolicy(RepositoryName name, String document) {
        synchronized (this) {
            RepositoryRecord record = require(name);
            kv.write(kv.newBatch().put(Column.REPOSITORIES, Keys.repository(name),
                    codec.encode(record.withPolicy(document))), true);
        }
    }

    /** Repository names in lexical order, after {@code last}, at most {@code limit}. */
    public Page list(String last, Integer limit) {
        return Listing.page(kv, Column.REPOSITORIES, new byte[0], last, limit);
    }
}
