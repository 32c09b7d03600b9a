package io.berth.server.oci;

import static io.berth.server.testing.RegistryClient.errorCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlobApiTest extends ApiTestBase {
    private static final byte[] BLOB = random(3 * (1 << 20) + 12345, 7);

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void getReturnsTheExactBytesWithDigestAndLength() {
        String repository = freshRepository();
        String digest = client.pushBlob(repository, BLOB);
        HttpResponse<byte[]> response = client.get("/v2/" + repository + "/blobs/" + digest);
        assertEquals(200, response.statusCode());
        assertArrayEquals(BLOB, response.body());
        assertEquals(digest, response.headers().firstValue("Docker-Content-Digest").orElseThrow());
        assertEquals(String.valueOf(BLOB.length), response.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void headAnswersLengthAndDigestWithoutBody() {
        String repository = freshRepository();
        String digest = client.pushBlob(repository, BLOB);
        HttpResponse<byte[]> response = client.head("/v2/" + repository + "/blobs/" + digest);
        assertEquals(200, response.statusCode());
        assertEquals(0, response.body().length);
        assertEquals(String.valueOf(BLOB.length), response.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(digest, response.headers().firstValue("Docker-Content-Digest").orElseThrow());
    }

    @Test
    void rangeRequestsAcrossChunkBoundariesReturnPartialContent() {
        String repository = freshRepository();
        String digest = client.pushBlob(repository, BLOB);
        int first = (1 << 20) - 10;
        int last = 2 * (1 << 20) + 5;
        HttpResponse<byte[]> response = client.get("/v2/" + repository + "/blobs/" + digest,
                "Range", "bytes=" + first + "-" + last);
        assertEquals(206, response.statusCode());
        assertArrayEquals(Arrays.copyOfRange(BLOB, first, last + 1), response.body());
        assertEquals("bytes " + first + "-" + last + "/" + BLOB.length,
                response.headers().firstValue("Content-Range").orElseThrow());
    }

    @Test
    void suffixAndOpenEndedRanges() {
        String repository = freshRepository();
        String digest = client.pushBlob(repository, BLOB);
        HttpResponse<byte[]> suffix = client.get("/v2/" + repository + "/blobs/" + digest, "Range", "bytes=-100");
        assertEquals(206, suffix.statusCode());
        assertArrayEquals(Arrays.copyOfRange(BLOB, BLOB.length - 100, BLOB.length), suffix.body());
        HttpResponse<byte[]> open = client.get("/v2/" + repository + "/blobs/" + digest, "Range", "bytes=3000000-");
        assertEquals(206, open.statusCode());
        assertArrayEquals(Arrays.copyOfRange(BLOB, 3000000, BLOB.length), open.body());
    }

    @Test
    void unsatisfiableRangeIs416() {
        String repository = freshRepository();
        String digest = client.pushBlob(repository, BLOB);
        HttpResponse<byte[]> response = client.get("/v2/" + repository + "/blobs/" + digest,
                "Range", "bytes=" + BLOB.length + "-");
        assertEquals(416, response.statusCode());
        assertEquals("RANGE_INVALID", errorCode(response));
        assertEquals("bytes */" + BLOB.length, response.headers().firstValue("Content-Range").orElseThrow());
    }

    @Test
    void unknownBlobIs404BlobUnknown() {
        String repository = freshRepository();
        client.pushBlob(repository, new byte[] {1});
        String missing = "sha256:" + "0".repeat(64);
        HttpResponse<byte[]> response = client.get("/v2/" + repository + "/blobs/" + missing);
        assertEquals(404, response.statusCode());
        assertEquals("BLOB_UNKNOWN", errorCode(response));
        assertEquals(404, client.head("/v2/" + repository + "/blobs/" + missing).statusCode());
    }

    @Test
    void blobOfAnotherRepositoryIsNotVisible() {
        String owner = freshRepository();
        String other = freshRepository();
        String digest = client.pushBlob(owner, BLOB);
        client.pushBlob(other, new byte[] {2});
        assertEquals(404, client.get("/v2/" + other + "/blobs/" + digest).statusCode());
    }

    @Test
    void malformedDigestIs400DigestInvalid() {
        String repository = freshRepository();
        HttpResponse<byte[]> response = client.get("/v2/" + repository + "/blobs/sha256:nothex");
        assertEquals(400, response.statusCode());
        assertEquals("DIGEST_INVALID", errorCode(response));
    }

    @Test
    void deleteRemovesTheBlobFromTheRepositoryOnly() {
        String first = freshRepository();
        String second = freshRepository();
        String digest = client.pushBlob(first, BLOB);
        client.pushBlob(second, BLOB);
        HttpResponse<byte[]> deleted = client.delete("/v2/" + first + "/blobs/" + digest);
        assertEquals(202, deleted.statusCode());
        assertEquals(404, client.head("/v2/" + first + "/blobs/" + digest).statusCode());
        assertEquals(200, client.head("/v2/" + second + "/blobs/" + digest).statusCode());
        assertEquals(404, client.delete("/v2/" + first + "/blobs/" + digest).statusCode());
    }
}
