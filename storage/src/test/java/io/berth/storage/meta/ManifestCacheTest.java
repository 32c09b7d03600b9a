package io.berth.storage.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.storage.model.Digest;
import io.berth.storage.model.MediaTypes;
import io.berth.storage.model.RepositoryName;
import io.berth.storage.model.Tag;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestCacheTest {
    private static final RepositoryName REPO = RepositoryName.of("team/app");
    private static final RepositoryName OTHER = RepositoryName.of("team/other");
    private final ManifestCache cache = new ManifestCache();

    private static StoredManifest manifest(int number, int size) {
        byte[] content = ByteBuffer.allocate(Math.max(size, Integer.BYTES)).putInt(number).array();
        ManifestRecord record = new ManifestRecord(MediaTypes.OCI_MANIFEST, content.length, 0, List.of(), List.of(),
                null, null);
        return new StoredManifest(Digest.sha256(content), MediaTypes.OCI_MANIFEST, content, record);
    }

    @Test
    void keepsTagsAndManifestsPerRepository() {
        StoredManifest one = manifest(1, 100);
        cache.putTag(REPO, Tag.of("v1"), one.digest(), cache.generation());
        cache.putManifest(REPO, one, cache.generation());
        assertEquals(one.digest(), cache.tag(REPO, Tag.of("v1")));
        assertSame(one, cache.manifest(REPO, one.digest()));
        assertNull(cache.tag(OTHER, Tag.of("v1")));
        assertNull(cache.manifest(OTHER, one.digest()));
    }

    @Test
    void changesDropWhatTheyChange() {
        StoredManifest one = manifest(1, 100);
        StoredManifest two = manifest(2, 100);
        long readAt = cache.generation();
        cache.putTag(REPO, Tag.of("v1"), one.digest(), readAt);
        cache.putTag(REPO, Tag.of("v2"), two.digest(), readAt);
        cache.putManifest(REPO, one, readAt);
        cache.putManifest(REPO, two, readAt);
        cache.tagsChanged(REPO, List.of(Tag.of("v1")));
        assertNull(cache.tag(REPO, Tag.of("v1")));
        assertEquals(two.digest(), cache.tag(REPO, Tag.of("v2")));
        cache.manifestDeleted(REPO, two.digest());
        assertNull(cache.manifest(REPO, two.digest()));
        assertSame(one, cache.manifest(REPO, one.digest()));
    }

    @Test
    void aReadThatRacedWithAChangeIsNotKept() {
        StoredManifest one = manifest(1, 100);
        long readAt = cache.generation();
        cache.tagsChanged(OTHER, List.of(Tag.of("elsewhere"))); // a write happened while the store was being read
        cache.putTag(REPO, Tag.of("v1"), one.digest(), readAt);
        cache.putManifest(REPO, one, readAt);
        assertNull(cache.tag(REPO, Tag.of("v1")));
        assertNull(cache.manifest(REPO, one.digest()));
        cache.putTag(REPO, Tag.of("v1"), one.digest(), cache.generation());
        assertEquals(one.digest(), cache.tag(REPO, Tag.of("v1")));
    }

    @Test
    void tagsStayWithinTheirBound() {
        Digest digest = manifest(1, 100).digest();
        for (int i = 0; i < ManifestCache.MAX_TAGS + 100; i++) {
            cache.putTag(REPO, Tag.of("t" + i), digest, cache.generation());
        }
        assertEquals(ManifestCache.MAX_TAGS, cache.tagCount());
        assertEquals(digest, cache.tag(REPO, Tag.of("t" + (ManifestCache.MAX_TAGS + 99))));
    }

    @Test
    void manifestsStayWithinTheirCountAndWeight() {
        for (int i = 0; i < ManifestCache.MAX_MANIFESTS + 100; i++) {
            cache.putManifest(REPO, manifest(i, 64), cache.generation());
        }
        assertEquals(ManifestCache.MAX_MANIFESTS, cache.manifestCount());
        int size = 200 << 10;
        for (int i = 0; i < 100; i++) {
            cache.putManifest(REPO, manifest(i, size), cache.generation());
            assertTrue(cache.weight() <= ManifestCache.MAX_WEIGHT, "weight " + cache.weight());
        }
        StoredManifest last = manifest(99, size);
        assertEquals(last.digest(), cache.manifest(REPO, last.digest()).digest());
    }

    @Test
    void largeManifestsAreNotKept() {
        StoredManifest large = manifest(1, ManifestCache.MAX_MANIFEST_SIZE + 1);
        cache.putManifest(REPO, large, cache.generation());
        assertNull(cache.manifest(REPO, large.digest()));
        assertEquals(0, cache.weight());
    }
}
