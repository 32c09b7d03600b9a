package io.berth.storage.meta;

import io.berth.storage.kv.Batch;
import io.berth.storage.kv.Column;
import io.berth.storage.kv.Cursor;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.Keys;
import io.berth.storage.kv.RecordCodec;
import io.berth.storage.manifest.ParsedManifest;
import io.berth.storage.model.Descriptor;
import io.berth.storage.model.Digest;
import io.berth.storage.model.RepositoryName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The referrers of each subject, kept as the descriptors the referrers API returns, so a listing is one scan.
 * A subject need not exist: referrers pushed before their subject are listed as soon as they are stored.
 */
public final class ReferrerIndex {
    private final KeyValueStore kv;
    private final RecordCodec codec;

    public ReferrerIndex(KeyValueStore kv, RecordCodec codec) {
        this.kv = kv;
        this.codec = codec;
    }

    /** A stored referrer descriptor (fields named as in the OCI descriptor). */
    public record Entry(String mediaType, String digest, long size, String artifactType,
                        Map<String, String> annotations) {
        public Descriptor toDescriptor() {
            return new Descriptor(mediaType, Digest.parse(digest), size, artifactType, annotations);
        }
    }

    void add(Batch batch, RepositoryName name, Digest digest, ParsedManifest parsed, long size) {
        Entry entry = new Entry(parsed.mediaType(), digest.toString(), size, parsed.artifactType(),
                parsed.annotations());
        batch.put(Column.REFERRERS, Keys.referrer(name, parsed.subject().digest(), digest), codec.encode(entry));
    }

    void remove(Batch batch, RepositoryName name, Digest subject, Digest referrer) {
        batch.delete(Column.REFERRERS, Keys.referrer(name, subject, referrer));
    }

    /**
     * The referrers of {@code subject} in the repository, optionally only those of one artifact type.
     */
    public List<Descriptor> list(RepositoryName name, Digest subject, String artifactType) {
        List<Descriptor> result = new ArrayList<>();
        byte[] prefix = Keys.referrersOf(name, subject);
        try (Cursor cursor = kv.scan(Column.REFERRERS, prefix, Keys.prefixEnd(prefix))) {
            while (cursor.next()) {
                Entry entry = codec.decode(cursor.value(), Entry.class);
                if (artifactType == null || artifactType.equals(entry.artifactType())) {
                    result.add(entry.toDescriptor());
                }
            }
        }
        return result;
    }
}
