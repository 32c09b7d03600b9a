package io.berth.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.storage.error.ManifestUnknownException;
import io.berth.storage.kv.InMemoryKeyValueStore;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.meta.StoredManifest;
import io.berth.storage.model.MediaTypes;
import io.berth.storage.model.Reference;
import io.berth.storage.model.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Manifests read once are served from memory by {@link io.berth.storage.meta.ManifestStore#cached}; every write
 * of a tag or manifest must be seen by the next read all the same. (The cache sits above the key-value store, so
 * one store implementation is enough here.)
 */
class CachedManifestsTest extends StoreTestBase {
    private InMemoryKeyValueStore memory;

    @Override
    protected KeyValueStore newKeyValueStore() {
        memory = new InMemoryKeyValueStore();
        return memory;
    }

    @Override
    protected KeyValueStore restartKeyValueStore(KeyValueStore current) {
        return memory;
    }

    private Optional<StoredManifest> cached(String reference) {
        return store.manifests().cached(REPO, Reference.parse(reference));
    }

    private StoredManifest get(String reference) {
        return store.manifests().get(REPO, Reference.parse(reference));
    }

    @Test
    void aManifestReadOnceIsCachedByTagAndByDigest() {
        Image image = pushImage(REPO, "v1");
        assertTrue(cached("v1").isEmpty(), "a push alone caches nothing");
        assertArrayEquals(image.manifest(), get("v1").content());
        assertArrayEquals(image.manifest(), cached("v1").orElseThrow().content());
        assertEquals(MediaTypes.OCI_MANIFEST, cached(image.digest().toString()).orElseThrow().mediaType());
        assertTrue(store.manifests().cached(OTHER, Reference.parse("v1")).isEmpty());
        assertTrue(cached("v2").isEmpty());
    }

    @Test
    void aMovedTagIsSeenAtOnce() {
        Image first = pushImage(REPO, "latest");
        get("latest");
        Image second = pushImage(REPO, "latest");
        cached("latest").ifPresent(stale -> assertEquals(second.digest(), stale.digest()));
        assertEquals(second.digest(), get("latest").digest());
        assertEquals(second.digest(), cached("latest").orElseThrow().digest());
        assertEquals(first.digest(), get(first.digest().toString()).digest());
    }

    @Test
    void tagsAddedByAPushByDigestAreSeenAtOnce() {
        Image first = pushImage(REPO, "latest");
        pushImage(REPO, "stable");
        get("latest");
        get("stable");
        Image second = pushImage(REPO, "untagged");
        store.manifests().put(REPO, Reference.parse(second.digest().toString()),
                List.of(Tag.of("latest"), Tag.of("stable"), Tag.of("new")), MediaTypes.OCI_MANIFEST,
                second.manifest());
        for (String tag : new String[] {"latest", "stable", "new"}) {
            assertEquals(second.digest(), get(tag).digest(), tag);
            assertEquals(second.digest(), cached(tag).orElseThrow().digest(), tag);
        }
        assertEquals(first.digest(), get(first.digest().toString()).digest());
    }

    @Test
    void aDeletedTagIsSeenAtOnce() {
        Image image = pushImage(REPO, "v1");
        get("v1");
        store.manifests().deleteTag(REPO, Tag.of("v1"));
        assertTrue(cached("v1").isEmpty());
        assertThrows(ManifestUnknownException.class, () -> get("v1"));
        assertEquals(image.digest(), get(image.digest().toString()).digest());
    }

    @Test
    void aDeletedManifestIsSeenAtOnceByTagAndByDigest() {
        Image image = pushImage(REPO, "v1");
        putManifest(REPO, "v1.0", image.manifest());
        get("v1");
        get("v1.0");
        store.manifests().delete(REPO, image.digest());
        for (String reference : new String[] {"v1", "v1.0", image.digest().toString()}) {
            assertTrue(cached(reference).isEmpty(), reference);
            assertThrows(ManifestUnknownException.class, () -> get(reference), reference);
        }
    }

    @Test
    void theSameBytesPushedAgainWithAnotherTypeAreReadAnew() {
        Image image = pushImage(REPO, "v1");
        Map<String, Object> untyped = new LinkedHashMap<>();
        untyped.put("schemaVersion", 2);
        untyped.put("config", TestManifests.descriptor(TestManifests.CONFIG, image.config().digest(),
                image.config().size()));
        untyped.put("layers", java.util.List.of());
        byte[] body = TestManifests.bytes(untyped);
        String digest = store.manifests().put(REPO, Reference.parse("plain"), MediaTypes.OCI_MANIFEST, body)
                .digest().toString();
        assertEquals(MediaTypes.OCI_MANIFEST, get(digest).mediaType());
        store.manifests().delete(REPO, io.berth.storage.model.Digest.parse(digest));
        store.manifests().put(REPO, Reference.parse("plain"), MediaTypes.DOCKER_MANIFEST, body);
        assertEquals(MediaTypes.DOCKER_MANIFEST, get("plain").mediaType());
        assertEquals(MediaTypes.DOCKER_MANIFEST, get(digest).mediaType());
    }

    @Test
    void readsRacingWithRetagsNeverKeepAStaleTag() throws Exception {
        Image one = pushImage(REPO, "moving");
        Image two = pushImage(REPO, "other");
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (int i = 0; i < 3; i++) {
                readers.submit(() -> {
                    while (!done.get()) {
                        get("moving");
                    }
                    return null;
                });
            }
            for (int i = 0; i < 300; i++) {
                Image next = i % 2 == 0 ? two : one;
                putManifest(REPO, "moving", next.manifest());
                assertEquals(next.digest(), get("moving").digest(), "read after retag " + i);
                cached("moving").ifPresent(seen -> assertEquals(next.digest(), seen.digest()));
            }
        } finally {
            done.set(true);
            readers.shutdown();
            assertTrue(readers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void aRestartedStoreStartsWithAnEmptyCache() {
        pushImage(REPO, "v1");
        get("v1");
        restart();
        assertTrue(cached("v1").isEmpty());
        get("v1");
        assertTrue(cached("v1").isPresent());
    }
}
