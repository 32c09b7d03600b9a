package io.berth.storage.meta;

import io.berth.storage.StoreLocks;
import io.berth.storage.blob.BlobStore;
import io.berth.storage.error.DigestInvalidException;
import io.berth.storage.error.ManifestBlobUnknownException;
import io.berth.storage.error.ManifestReferencedException;
import io.berth.storage.error.ManifestUnknownException;
import io.berth.storage.error.SizeInvalidException;
import io.berth.storage.kv.Batch;
import io.berth.storage.kv.Column;
import io.berth.storage.kv.Cursor;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.Keys;
import io.berth.storage.kv.RecordCodec;
import io.berth.storage.manifest.ManifestParser;
import io.berth.storage.manifest.ParsedManifest;
import io.berth.storage.model.Digest;
import io.berth.storage.model.DigestAlgorithm;
import io.berth.storage.model.Reference;
import io.berth.storage.model.RepositoryName;
import io.berth.storage.model.Tag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.stream.Stream;

/**
 * Manifests and tags of repositories. A push validates the manifest, checks that everything it references is
 * present, and writes the manifest, its tag, its referrer entry and its reference entries in one atomic batch.
 *
 * <p>Tags and manifests that were read are kept in a bounded cache, so that {@link #cached} can answer a pull
 * without blocking. Every write of a tag or manifest goes through this class, which drops the cached entries the
 * write changes as soon as it is visible: a tag moved or deleted, or a manifest deleted, is seen by the very next
 * read.
 */
public final class ManifestStore {
    /** 4 MiB, as the CNCF registry and ECR: far above real manifests, small enough to hold in memory. */
    public static final int MAX_MANIFEST_BYTES = 4 << 20;

    private final KeyValueStore kv;
    private final ManifestCodec manifests;
    private final BlobStore blobs;
    private final RepositoryStore repositories;
    private final ReferrerIndex referrers;
    private final StoreLocks locks;
    private final Clock clock;
    private final ManifestParser parser = new ManifestParser();
    private final ManifestCache cache = new ManifestCache();
    private final TagListCache tagLists;

    public ManifestStore(KeyValueStore kv, RecordCodec codec, BlobStore blobs, RepositoryStore repositories,
                         ReferrerIndex referrers, StoreLocks locks, Clock clock) {
        this.kv = kv;
        this.manifests = new ManifestCodec(codec);
        this.blobs = blobs;
        this.repositories = repositories;
        this.referrers = referrers;
        this.locks = locks;
        this.clock = clock;
        this.tagLists = new TagListCache(kv);
    }

    public PutManifestResult put(RepositoryName name, Reference reference, String contentType, byte[] body) {
        return put(name, reference, List.of(), contentType, body);
    }

    /**
     * Stores a manifest pushed by tag or digest and points {@code alsoTagged} at it in the same write: the
     * {@code tag} query parameters of a push by digest. Either all of it is stored or none.
     */
    public PutManifestResult put(RepositoryName name, Reference reference, List<Tag> alsoTagged, String contentType,
                                 byte[] body) {
        if (body.length > MAX_MANIFEST_BYTES) {
            throw new SizeInvalidException("manifest larger than " + MAX_MANIFEST_BYTES + " bytes", body.length);
        }
        DigestAlgorithm algorithm = reference instanceof Reference.ByDigest byDigest
                ? byDigest.digest().algorithm() : DigestAlgorithm.SHA256;
        Digest digest = Digest.of(algorithm, body);
        if (reference instanceof Reference.ByDigest byDigest && !byDigest.digest().equals(digest)) {
            throw new DigestInvalidException("manifest content does not match the digest in the URL",
                    byDigest.digest().toString());
        }
        ParsedManifest parsed = parser.parse(contentType, body);
        Lock collection = locks.collection().readLock();
        Lock repository = locks.repository(name);
        collection.lock();
        repository.lock();
        try {
            checkReferences(name, parsed);
            long now = clock.millis();
            Batch batch = kv.newBatch();
            repositories.addIfAbsent(batch, name, now);
            Optional<ManifestRecord> existing = find(name, digest);
            if (existing.isEmpty()) {
                addManifest(batch, name, digest, parsed, body, now);
            }
            Set<Tag> tags = new LinkedHashSet<>();
            if (reference instanceof Reference.ByTag byTag) {
                tags.add(byTag.tag());
            }
            tags.addAll(alsoTagged);
            for (Tag tag : tags) {
                pointTag(batch, name, tag, digest);
            }
            try {
                kv.write(batch, true);
            } finally {
                if (!tags.isEmpty()) {
                    cache.tagsChanged(name, tags);
                }
            }
            return new PutManifestResult(digest, parsed.subject() == null ? null : parsed.subject().digest());
        } finally {
            repository.unlock();
            collection.unlock();
        }
    }

    private void checkReferences(RepositoryName name, ParsedManifest parsed) {
        for (Digest blob : parsed.blobs()) {
            if (!blobs.isLinked(name, blob) || blobs.record(blob).isEmpty()) {
                throw new ManifestBlobUnknownException("blob unknown to registry", blob.toString());
            }
        }
        for (Digest child : parsed.children()) {
            if (find(name, child).isEmpty()) {
                throw new ManifestBlobUnknownException("manifest unknown to registry", child.toString());
            }
        }
    }

    private void addManifest(Batch batch, RepositoryName name, Digest digest, ParsedManifest parsed, byte[] body,
                             long now) {
        List<String> references = Stream.concat(parsed.blobs().stream(), parsed.children().stream())
                .map(Digest::toString).distinct().toList();
        ManifestRecord record = new ManifestRecord(parsed.mediaType(), body.length, now, references,
                parsed.children().stream().map(Digest::toString).toList(),
                parsed.subject() == null ? null : parsed.subject().digest().toString(), parsed.artifactType());
        batch.put(Column.MANIFESTS, Keys.manifest(name, digest), manifests.encode(record, body));
        for (String target : references) {
            batch.put(Column.REFS, Keys.ref(Digest.parse(target), name, digest), new byte[0]);
        }
        if (parsed.subject() != null) {
            referrers.add(batch, name, digest, parsed, body.length);
        }
    }

    private void pointTag(Batch batch, RepositoryName name, Tag tag, Digest digest) {
        resolveTag(name, tag).ifPresent(previous -> batch.delete(Column.TAGS, Keys.tagOfDigest(name, previous, tag)));
        batch.put(Column.TAGS, Keys.tag(name, tag), Keys.utf8(digest.toString()))
                .put(Column.TAGS, Keys.tagOfDigest(name, digest, tag), new byte[0]);
    }

    public Optional<Digest> resolveTag(RepositoryName name, Tag tag) {
        byte[] value = kv.get(Column.TAGS, Keys.tag(name, tag));
        return value == null ? Optional.empty() : Optional.of(Digest.parse(new String(value,
                java.nio.charset.StandardCharsets.UTF_8)));
    }

    public Optional<ManifestRecord> find(RepositoryName name, Digest digest) {
        byte[] stored = kv.get(Column.MANIFESTS, Keys.manifest(name, digest));
        return stored == null ? Optional.empty() : Optional.of(manifests.record(stored));
    }

    /**
     * The manifest a tag or digest names, with its bytes (shared with the cache: never change them). Blocking
     * when they are not cached.
     */
    public StoredManifest get(RepositoryName name, Reference reference) {
        long readAt = cache.generation();
        Digest digest = switch (reference) {
            case Reference.ByDigest byDigest -> byDigest.digest();
            case Reference.ByTag byTag -> digestOf(name, byTag.tag(), readAt);
        };
        StoredManifest cached = cache.manifest(name, digest);
        if (cached != null) {
            return cached;
        }
        byte[] stored = kv.get(Column.MANIFESTS, Keys.manifest(name, digest));
        if (stored == null) {
            throw new ManifestUnknownException("manifest unknown", digest.toString());
        }
        ManifestRecord record = manifests.record(stored);
        StoredManifest manifest = new StoredManifest(digest, record.mediaType(), manifests.content(stored), record);
        cache.putManifest(name, manifest, readAt);
        return manifest;
    }

    /**
     * Like {@link #get} when the tag (for a tag) and the manifest are cached, else empty: never reads the store,
     * so it may run on an event loop; on empty, call {@link #get} from a worker.
     */
    public Optional<StoredManifest> cached(RepositoryName name, Reference reference) {
        Digest digest = switch (reference) {
            case Reference.ByDigest byDigest -> byDigest.digest();
            case Reference.ByTag byTag -> cache.tag(name, byTag.tag());
        };
        return digest == null ? Optional.empty() : Optional.ofNullable(cache.manifest(name, digest));
    }

    private Digest digestOf(RepositoryName name, Tag tag, long readAt) {
        Digest cached = cache.tag(name, tag);
        if (cached != null) {
            return cached;
        }
        Digest digest = resolveTag(name, tag)
                .orElseThrow(() -> new ManifestUnknownException("manifest unknown", tag.value()));
        cache.putTag(name, tag, digest, readAt);
        return digest;
    }

    /** Deletes a manifest with its tags, its referrer entry and its reference entries. */
    public void delete(RepositoryName name, Digest digest) {
        Lock repository = locks.repository(name);
        repository.lock();
        try {
            ManifestRecord record = find(name, digest)
                    .orElseThrow(() -> new ManifestUnknownException("manifest unknown", digest.toString()));
            List<Digest> parents = indexesReferencing(name, digest);
            if (!parents.isEmpty()) {
                throw new ManifestReferencedException("manifest is referenced by image index " + parents.get(0)
                        + "; delete the index first", digest.toString());
            }
            Batch batch = kv.newBatch().delete(Column.MANIFESTS, Keys.manifest(name, digest));
            List<Tag> tags = tagsOf(name, digest);
            for (Tag tag : tags) {
                batch.delete(Column.TAGS, Keys.tag(name, tag)).delete(Column.TAGS, Keys.tagOfDigest(name, digest, tag));
            }
            for (String target : record.references()) {
                batch.delete(Column.REFS, Keys.ref(Digest.parse(target), name, digest));
            }
            if (record.subject() != null) {
                referrers.remove(batch, name, Digest.parse(record.subject()), digest);
            }
            try {
                kv.write(batch, true);
            } finally {
                cache.tagsChanged(name, tags);
                cache.manifestDeleted(name, digest);
            }
        } finally {
            repository.unlock();
        }
    }

    /** Removes a tag; the manifest it pointed to stays. */
    public void deleteTag(RepositoryName name, Tag tag) {
        Lock repository = locks.repository(name);
        repository.lock();
        try {
            Digest digest = resolveTag(name, tag)
                    .orElseThrow(() -> new ManifestUnknownException("manifest unknown", tag.value()));
            try {
                kv.write(kv.newBatch().delete(Column.TAGS, Keys.tag(name, tag))
                        .delete(Column.TAGS, Keys.tagOfDigest(name, digest, tag)), true);
            } finally {
                cache.tagsChanged(name, List.of(tag));
            }
        } finally {
            repository.unlock();
        }
    }

    /** The tags of a repository in lexical order; the repository must exist. */
    public Page tags(RepositoryName name, String last, Integer limit) {
        boolean firstPage = last == null && limit == null;
        if (firstPage) {
            Page cached = tagLists.get(name);
            if (cached != null) {
                return cached;
            }
        }
        long[] readAt = tagLists.revisions();
        repositories.require(name);
        Page page = Listing.page(kv, Column.TAGS, Keys.tagsOf(name), last, limit);
        if (firstPage) {
            tagLists.put(name, readAt, page);
        }
        return page;
    }

    /**
     * The first page of the repository's tags ({@link #tags} with no {@code last} and no limit) when it is in
     * memory and current; never reads the store, so an event loop may call it.
     */
    public Optional<Page> cachedTags(RepositoryName name) {
        return Optional.ofNullable(tagLists.get(name));
    }

    public List<Tag> tagsOf(RepositoryName name, Digest digest) {
        List<Tag> tags = new ArrayList<>();
        byte[] prefix = Keys.tagsOfDigest(name, digest);
        try (Cursor cursor = kv.scan(Column.TAGS, prefix, Keys.prefixEnd(prefix))) {
            while (cursor.next()) {
                tags.add(Tag.of(Keys.lastPart(cursor.key())));
            }
        }
        return tags;
    }

    /** A manifest found by {@link #forEach}: its repository and what is stored. */
    public record Entry(RepositoryName repository, StoredManifest manifest) {
    }

    /** Calls {@code action} for every manifest of every repository, in key order. */
    public void forEach(java.util.function.Consumer<Entry> action) {
        try (Cursor cursor = kv.scan(Column.MANIFESTS, new byte[0], new byte[] {(byte) 0xFF})) {
            while (cursor.next()) {
                RepositoryName name = RepositoryName.of(Keys.part(cursor.key(), 0));
                Digest digest = Digest.parse(Keys.part(cursor.key(), 1));
                byte[] stored = cursor.value();
                ManifestRecord record = manifests.record(stored);
                action.accept(new Entry(name, new StoredManifest(digest, record.mediaType(), manifests.content(stored),
                        record)));
            }
        }
    }

    /** Every tag of every repository with the digest it points to. */
    public void forEachTag(java.util.function.BiConsumer<RepositoryName, Map.Entry<Tag, Digest>> action) {
        try (Cursor cursor = kv.scan(Column.TAGS, Keys.utf8("T"), Keys.utf8("U"))) {
            while (cursor.next()) {
                byte[] key = cursor.key();
                RepositoryName name = RepositoryName.of(Keys.part(key, 0).substring(1));
                action.accept(name, Map.entry(Tag.of(Keys.part(key, 1)),
                        Digest.parse(new String(cursor.value(), java.nio.charset.StandardCharsets.UTF_8))));
            }
        }
    }

    /** The manifests of this repository that list {@code digest} as a child. */
    private List<Digest> indexesReferencing(RepositoryName name, Digest digest) {
        List<Digest> parents = new ArrayList<>();
        byte[] prefix = Keys.refsToIn(digest, name);
        try (Cursor cursor = kv.scan(Column.REFS, prefix, Keys.prefixEnd(prefix))) {
            while (cursor.next()) {
                parents.add(Digest.parse(Keys.lastPart(cursor.key())));
            }
        }
        return parents;
    }
}
