package io.berth.storage.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.storage.model.Digest;
import io.berth.storage.model.RepositoryName;
import io.berth.storage.model.Tag;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The key layout: prefixes of one repository never cover keys of another, and chunk keys sort by offset. */
class KeysTest {
    private static final Digest DIGEST = Digest.sha256(new byte[] {1});

    @Test
    void prefixOfARepositoryDoesNotCoverRepositoriesWithLongerNames() {
        byte[] prefix = Keys.tagsOf(RepositoryName.of("a/b"));
        byte[] end = Keys.prefixEnd(prefix);
        for (String other : new String[] {"a/bc", "a/b-c", "a/b/c", "a/b.c"}) {
            byte[] key = Keys.tag(RepositoryName.of(other), Tag.of("v1"));
            assertTrue(!within(key, prefix, end), other);
        }
        assertTrue(within(Keys.tag(RepositoryName.of("a/b"), Tag.of("v1")), prefix, end));
        assertTrue(within(Keys.link(RepositoryName.of("a/b"), DIGEST), Keys.linksOf(RepositoryName.of("a/b")),
                Keys.prefixEnd(Keys.linksOf(RepositoryName.of("a/b")))));
        assertTrue(!within(Keys.link(RepositoryName.of("a/bc"), DIGEST), Keys.linksOf(RepositoryName.of("a/b")),
                Keys.prefixEnd(Keys.linksOf(RepositoryName.of("a/b")))));
    }

    @Test
    void tagKeysAndTagOfDigestKeysDoNotMix() {
        RepositoryName name = RepositoryName.of("r");
        byte[] tags = Keys.tagsOf(name);
        assertTrue(!within(Keys.tagOfDigest(name, DIGEST, Tag.of("v1")), tags, Keys.prefixEnd(tags)));
    }

    @Test
    void chunkKeysSortByOffsetWithinTheirContent() {
        byte[] content = new byte[Keys.contentIdBytes()];
        Arrays.fill(content, (byte) 0xFF);
        long[] offsets = {0, 1, 255, 256, 1L << 20, (1L << 31) + 5, Long.MAX_VALUE};
        for (int i = 1; i < offsets.length; i++) {
            byte[] before = Keys.chunk(content, offsets[i - 1]);
            byte[] after = Keys.chunk(content, offsets[i]);
            assertTrue(Arrays.compareUnsigned(before, after) < 0, offsets[i - 1] + " < " + offsets[i]);
            assertTrue(within(after, Keys.chunksStart(content), Keys.chunksEnd(content)), "offset " + offsets[i]);
            assertEquals(offsets[i], Keys.chunkOffset(after));
        }
    }

    @Test
    void prefixEndSkipsTrailingFfBytes() {
        assertArrayEquals(new byte[] {2}, Keys.prefixEnd(new byte[] {1, (byte) 0xFF, (byte) 0xFF}));
        assertArrayEquals(new byte[] {1, (byte) 0x81}, Keys.prefixEnd(new byte[] {1, (byte) 0x80}));
        assertThrows(IllegalArgumentException.class, () -> Keys.prefixEnd(new byte[] {(byte) 0xFF}));
    }

    @Test
    void partsOfCompositeKeys() {
        byte[] key = Keys.ref(DIGEST, RepositoryName.of("team/app"), Digest.sha256(new byte[] {2}));
        assertEquals(DIGEST.toString(), Keys.part(key, 0));
        assertEquals("team/app", Keys.part(key, 1));
        assertEquals(Digest.sha256(new byte[] {2}).toString(), Keys.lastPart(key));
    }

    private static boolean within(byte[] key, byte[] from, byte[] to) {
        return Arrays.compareUnsigned(key, from) >= 0 && Arrays.compareUnsigned(key, to) < 0;
    }
}
