package io.berth.storage.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UploadHashingTest {
    private final UploadHashing hashing = new UploadHashing();

    @AfterEach
    void close() {
        hashing.close();
    }

    /** SHA-256 that notes which threads fed it. */
    private static final class RecordingDigest extends MessageDigest {
        private final MessageDigest sha256;
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        RecordingDigest() throws NoSuchAlgorithmException {
            super("SHA-256");
            sha256 = MessageDigest.getInstance("SHA-256");
        }

        @Override
        protected void engineUpdate(byte input) {
            threads.add(Thread.currentThread().getName());
            sha256.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int length) {
            threads.add(Thread.currentThread().getName());
            sha256.update(input, offset, length);
        }

        @Override
        protected byte[] engineDigest() {
            return sha256.digest();
        }

        @Override
        protected void engineReset() {
            sha256.reset();
        }
    }

    private static ByteBuffer random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return ByteBuffer.allocateDirect(length).put(bytes).flip();
    }

    private static byte[] sha256(ByteBuffer... buffers) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (ByteBuffer buffer : buffers) {
            digest.update(buffer.duplicate());
        }
        return digest.digest();
    }

    @Test
    void largeBuffersAreHashedOnAHashingThreadInOrder() throws Exception {
        RecordingDigest digest = new RecordingDigest();
        UploadHasher hasher = new UploadHasher(digest, 0);
        ByteBuffer first = random(UploadHashing.IN_LINE_BYTES * 3);
        ByteBuffer second = random(UploadHashing.IN_LINE_BYTES + 5);

        hashing.update(hasher, first.duplicate()).join();
        hashing.update(hasher, second.duplicate()).join();

        assertEquals(first.remaining() + second.remaining(), hasher.offset());
        assertArrayEquals(sha256(first, second), hasher.finish());
        assertTrue(digest.threads.stream().allMatch(name -> name.startsWith("berth-hash-")), digest.threads.toString());
    }

    @Test
    void smallBuffersAreHashedByTheCaller() throws Exception {
        RecordingDigest digest = new RecordingDigest();
        UploadHasher hasher = new UploadHasher(digest, 0);
        ByteBuffer small = random(UploadHashing.IN_LINE_BYTES - 1);

        assertTrue(hashing.update(hasher, small.duplicate()).isDone(), "done before update returns");

        assertEquals(Set.of(Thread.currentThread().getName()), digest.threads);
        assertArrayEquals(sha256(small), hasher.finish());
    }

    @Test
    void afterCloseLargeBuffersAreHashedByTheCaller() throws Exception {
        hashing.close();
        RecordingDigest digest = new RecordingDigest();
        UploadHasher hasher = new UploadHasher(digest, 0);
        ByteBuffer large = random(UploadHashing.IN_LINE_BYTES * 2);

        assertTrue(hashing.update(hasher, large.duplicate()).isDone());

        assertEquals(Set.of(Thread.currentThread().getName()), digest.threads);
        assertArrayEquals(sha256(large), hasher.finish());
    }
}
