package io.berth.server.durability;

import static io.berth.server.testing.RegistryClient.withQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.testing.BerthProcess;
import io.berth.server.testing.RegistryClient;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blobs stream: a blob of {@code berth.it.largeBlobMiB} (4 GiB by default) pushes and pulls through a Berth whose
 * heap is limited to 256 MiB, and its resident memory stays far below the blob's size.
 */
class LargeBlobIT {
    private static final long SIZE = Long.getLong("berth.it.largeBlobMiB", 4096) << 20;
    /** Resident memory allowed: the 256 MiB heap, RocksDB's write buffers and caches, the JVM itself. */
    private static final long MAX_RSS_KIB = 900L << 10;

    @Test
    void aHugeBlobPushesAndPullsWithFlatMemory(@TempDir Path dir) throws Exception {
        try (BerthProcess berth = BerthProcess.start(dir.resolve("data"), "-Xmx256m")) {
            RegistryClient client = berth.client();
            String digest = "sha256:" + HexFormat.of().formatHex(hashOf(new GeneratedStream(SIZE, 99)));
            String location = client.startUpload("large/blob");
            HttpRequest push = client.request(withQuery(location, "digest=" + digest))
                    .timeout(java.time.Duration.ofMinutes(10))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedStream(SIZE, 99)), SIZE))
                    .build();
            HttpResponse<byte[]> pushed = client.send(push);
            assertEquals(201, pushed.statusCode(), new String(pushed.body()));

            HttpRequest pull = client.request("/v2/large/blob/blobs/" + digest)
                    .timeout(java.time.Duration.ofMinutes(10)).GET().build();
            HttpResponse<InputStream> pulled = client.sendStreaming(pull);
            assertEquals(200, pulled.statusCode());
            assertEquals(String.valueOf(SIZE), pulled.headers().firstValue("Content-Length").orElseThrow());
            try (InputStream body = pulled.body()) {
                assertEquals(digest, "sha256:" + HexFormat.of().formatHex(hashOf(body)));
            }
            long peak = berth.peakRssKib();
            assertTrue(peak > 0 && peak < MAX_RSS_KIB, "peak RSS " + peak + " KiB for a " + (SIZE >> 20) + " MiB blob");
        }
    }

    private static byte[] hashOf(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
        }
        return sha.digest();
    }

    /** {@code size} pseudo-random bytes from a seed, generated on the fly (nothing of that size is held). */
    private static final class GeneratedStream extends InputStream {
        private final SplittableRandom random;
        private long remaining;

        GeneratedStream(long size, long seed) {
            this.random = new SplittableRandom(seed);
            this.remaining = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining) & ~7;
            if (n == 0) {
                n = (int) Math.min(length, remaining);
            }
            for (int i = 0; i < n; i += 8) {
                long value = random.nextLong();
                for (int b = 0; b < 8 && i + b < n; b++) {
                    target[offset + i + b] = (byte) (value >>> (8 * b));
                }
            }
            remaining -= n;
            return n;
        }
    }
}
