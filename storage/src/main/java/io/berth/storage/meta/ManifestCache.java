package io.berth.storage.meta;

import io.berth.storage.model.Digest;
import io.berth.storage.model.RepositoryName;
import io.berth.storage.model.Tag;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tags and manifests recently read, so that a pull of a popular image is answered from memory. Lookups take no
 * lock and never block. Only what is in the store is kept (never an absence), and {@link ManifestStore}, through
 * which every tag and manifest write goes, drops what a write changes right after the write: a tag moved or
 * deleted, a manifest deleted. A read that raced with such a write is not kept: it is offered with the
 * generation read before it read the store, and refused when anything was dropped since.
 */
final class ManifestCache {
    /** About 0.5 KiB each (repository, tag, digest): at most ~4 MiB, the hot tags of a large registry. */
    static final int MAX_TAGS = 8192;
    /** Manifests are typically 0.5–10 KiB; see {@link #MAX_WEIGHT} for the memory they may take. */
    static final int MAX_MANIFESTS = 4096;
    /**
     * 8 MiB of the heap (3% of the 256 MiB Berth runs with) for manifests, weighed at twice their size plus 512
     * bytes: their bytes, and the parsed record that comes with them (the digests it lists are in the bytes too).
     */
    static final long MAX_WEIGHT = 8L << 20;
    /** Larger manifests (big indexes) are rare and read from the store each time: one would crowd out hundreds. */
    static final int MAX_MANIFEST_SIZE = 256 << 10;

    private record TagKey(RepositoryName repository, Tag tag) {
    }

    private record ManifestKey(RepositoryName repository, Digest digest) {
    }

    private final Map<TagKey, Digest> tags = new ConcurrentHashMap<>();
    private final Map<ManifestKey, StoredManifest> manifests = new ConcurrentHashMap<>();
    /** Raised by every drop; guarded by this, like every change of the maps and {@link #weight}. */
    private volatile long generation;
    private long weight;

    /** Read it before reading the store for something to {@link #putTag} or {@link #putManifest}. */
    long generation() {
        return generation;
    }

    Digest tag(RepositoryName repository, Tag tag) {
        return tags.get(new TagKey(repository, tag));
    }

    StoredManifest manifest(RepositoryName repository, Digest digest) {
        return manifests.get(new ManifestKey(repository, digest));
    }

    synchronized void putTag(RepositoryName repository, Tag tag, Digest digest, long readAt) {
        if (readAt != generation) {
            return;
        }
        makeRoom(tags.keySet(), MAX_TAGS);
        tags.put(new TagKey(repository, tag), digest);
    }

    synchronized void putManifest(RepositoryName repository, StoredManifest manifest, long readAt) {
        if (readAt != generation || manifest.content().length > MAX_MANIFEST_SIZE) {
            return;
        }
        ManifestKey key = new ManifestKey(repository, manifest.digest());
        remove(key);
        while (!manifests.isEmpty() && (manifests.size() >= MAX_MANIFESTS
                || weight + weightOf(manifest) > MAX_WEIGHT)) {
            remove(manifests.keySet().iterator().next());
        }
        manifests.put(key, manifest);
        weight += weightOf(manifest);
    }

    /** After a write that moved or deleted these tags of the repository. */
    synchronized void tagsChanged(RepositoryName repository, Collection<Tag> changed) {
        generation++;
        for (Tag tag : changed) {
            tags.remove(new TagKey(repository, tag));
        }
    }

    /** After a write that deleted a manifest (and its tags, which the caller reports too). */
    synchronized void manifestDeleted(RepositoryName repository, Digest digest) {
        generation++;
        remove(new ManifestKey(repository, digest));
    }

    int tagCount() {
        return tags.size();
    }

    synchronized long weight() {
        return weight;
    }

    int manifestCount() {
        return manifests.size();
    }

    private void remove(ManifestKey key) {
        StoredManifest removed = manifests.remove(key);
        if (removed != null) {
            weight -= weightOf(removed);
        }
    }

    private static <K> void makeRoom(Collection<K> keys, int max) {
        Iterator<K> any = keys.iterator();
        while (keys.size() >= max && any.hasNext()) {
            any.next();
            any.remove();
        }
    }

    private static long weightOf(StoredManifest manifest) {
        return 2L * manifest.content().length + 512;
    }
}
