package io.berth.auth.identity;

import io.berth.storage.kv.Column;
import io.berth.storage.kv.Cursor;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.Keys;
import io.berth.storage.kv.RecordCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Typed access to the IAM column: one kind of record per key prefix. */
final class IamTable<T> {
    private final KeyValueStore kv;
    private final RecordCodec codec;
    private final String kind;
    private final Class<T> type;

    IamTable(KeyValueStore kv, RecordCodec codec, String kind, Class<T> type) {
        this.kv = kv;
        this.codec = codec;
        this.kind = kind;
        this.type = type;
    }

    Optional<T> find(String id) {
        byte[] value = kv.get(Column.IAM, Keys.iam(kind, id));
        return value == null ? Optional.empty() : Optional.of(codec.decode(value, type));
    }

    void put(String id, T record) {
        kv.write(kv.newBatch().put(Column.IAM, Keys.iam(kind, id), codec.encode(record)), true);
    }

    void delete(String id) {
        kv.write(kv.newBatch().delete(Column.IAM, Keys.iam(kind, id)), true);
    }

    List<T> all() {
        List<T> records = new ArrayList<>();
        byte[] prefix = Keys.iamKind(kind);
        try (Cursor cursor = kv.scan(Column.IAM, prefix, Keys.prefixEnd(prefix))) {
            while (cursor.next()) {
                records.add(codec.decode(cursor.value(), type));
            }
        }
        return records;
    }
}
