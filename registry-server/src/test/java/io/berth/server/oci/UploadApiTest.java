package io.berth.server.oci;

import static io.berth.server.testing.RegistryClient.errorCode;
import static io.berth.server.testing.RegistryClient.sha256;
import static io.berth.server.testing.RegistryClient.sha512;
import static io.berth.server.testing.RegistryClient.withQuery;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.testing.RegistryClient;
import io.berth.server.testing.TestBerth;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadApiTest extends ApiTestBase {
    private static final byte[] BLOB = BlobApiTest.random(2 * (1 << 20) + 777, 11);

    private static String path(String repository, String digest) {
        return "/v2/" + repository + "/blobs/" + digest;
    }

    @Test
    void startAdvertisesLocationUuidRangeAndChunkMinimum() {
        String repository = freshRepository();
        HttpResponse<byte[]> response = client.post("/v2/" + repository + "/blobs/uploads/", new byte[0]);
        assertEquals(202, response.statusCode());
        String location = response.headers().firstValue("Location").orElseThrow();
        String uuid = response.headers().firstValue("Docker-Upload-UUID").orElseThrow();
        assertTrue(location.endsWith("/blobs/uploads/" + uuid), location);
        assertEquals("0-0", response.headers().firstValue("Range").orElseThrow());
        assertTrue(Integer.parseInt(response.headers().firstValue("OCI-Chunk-Min-Length").orElseThrow()) > 0);
    }

    @Test
    void singlePostWithDigestStoresTheBlob() {
        String repository = freshRepository();
        String digest = sha256(BLOB);
        HttpResponse<byte[]> response = client.post("/v2/" + repository + "/blobs/uploads/?digest=" + digest, BLOB);
        assertEquals(201, response.statusCode());
        assertEquals(path(repository, digest), response.headers().firstValue("Location").orElseThrow());
        assertArrayEquals(BLOB, client.get(path(repository, digest)).body());
    }

    @Test
    void chunkedUploadWithContentRangeThenStatusThenFinish() {
        String repository = freshRepository();
        String location = client.startUpload(repository);
        int split = 1 << 20;
        HttpResponse<byte[]> first = client.patch(location, Arrays.copyOfRange(BLOB, 0, split),
                "Content-Range", "0-" + (split - 1));
        assertEquals(202, first.statusCode());
        assertEquals("0-" + (split - 1), first.headers().firstValue("Range").orElseThrow());
        HttpResponse<byte[]> status = client.get(first.headers().firstValue("Location").orElseThrow());
        assertEquals(204, status.statusCode());
        assertEquals("0-" + (split - 1), status.headers().firstValue("Range").orElseThrow());
        HttpResponse<byte[]> second = client.patch(location, Arrays.copyOfRange(BLOB, split, BLOB.length),
                "Content-Range", split + "-" + (BLOB.length - 1));
        assertEquals(202, second.statusCode());
        String digest = sha256(BLOB);
        HttpResponse<byte[]> done = client.put(withQuery(location, "digest=" + digest), "application/octet-stream",
                new byte[0]);
        assertEquals(201, done.statusCode());
        assertEquals(digest, done.headers().firstValue("Docker-Content-Digest").orElseThrow());
        assertArrayEquals(BLOB, client.get(path(repository, digest)).body());
    }

    @Test
    void streamedPatchWithoutContentRangeAndFinalChunkInPut() {
        String repository = freshRepository();
        String location = client.startUpload(repository);
        int split = 1000;
        assertEquals(202, client.patch(location, Arrays.copyOfRange(BLOB, 0, split)).statusCode());
        String digest = sha256(BLOB);
        HttpResponse<byte[]> done = client.put(withQuery(location, "digest=" + digest), "application/octet-stream",
                Arrays.copyOfRange(BLOB, split, BLOB.length));
        assertEquals(201, done.statusCode());
        assertArrayEquals(BLOB, client.get(path(repository, digest)).body());
    }

    @Test
    void outOfOrderAndRepeatedChunksAre416() {
        String repository = freshRepository();
        String location = client.startUpload(repository);
        HttpResponse<byte[]> gap = client.patch(location, new byte[10], "Content-Range", "5-14");
        assertEquals(416, gap.statusCode());
        assertEquals(202, client.patch(location, new byte[10], "Content-Range", "0-9").statusCode());
        HttpResponse<byte[]> overlap = client.patch(location, new byte[10], "Content-Range", "0-9");
        assertEquals(416, overlap.statusCode());
        HttpResponse<byte[]> status = client.get(location);
        assertEquals("0-9", status.headers().firstValue("Range").orElseThrow());
    }

    @Test
    void contentRangeDisagreeingWithContentLengthIs416() {
        String repository = freshRepository();
        String location = client.startUpload(repository);
        assertEquals(416, client.patch(location, new byte[10], "Content-Range", "0-19").statusCode());
    }

    @Test
    void digestMismatchLeavesNothingBehind() {
        String repository = freshRepository();
        String location = client.startUpload(repository);
        String wrong = sha256("something else".getBytes());
        HttpResponse<byte[]> response = client.put(withQuery(location, "digest=" + wrong), "application/octet-stream",
                BLOB);
        assertEquals(400, response.statusCode());
        assertEquals("DIGEST_INVALID", errorCode(response));
        assertEquals(404, client.get(location).statusCode());
        assertEquals(404, client.head(path(repository, wrong)).statusCode());
        assertEquals(404, client.head(path(repository, sha256(BLOB))).statusCode());
    }

    @Test
    void sha512DigestsAreVerified() {
        String repository = freshRepository();
        String digest = sha512(BLOB);
        String location = client.startUpload(repository);
        assertEquals(201, client.put(withQuery(location, "digest=" + digest), "application/octet-stream", BLOB)
                .statusCode());
        assertArrayEquals(BLOB, client.get(path(repository, digest)).body());
    }

    @Test
    void cancelledUploadIsGone() {
        String repository = freshRepository();
        String location = client.startUpload(repository);
        client.patch(location, new byte[100]);
        assertEquals(204, client.delete(location).statusCode());
        HttpResponse<byte[]> status = client.get(location);
        assertEquals(404, status.statusCode());
        assertEquals("BLOB_UPLOAD_UNKNOWN", errorCode(status));
    }

    @Test
    void uploadsBelongToTheirRepositoryAndUnknownIdsAre404() {
        String repository = freshRepository();
        String location = client.startUpload(repository);
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(404, client.get("/v2/" + freshRepository() + "/blobs/uploads/" + id).statusCode());
        HttpResponse<byte[]> bogus = client.get("/v2/" + repository + "/blobs/uploads/not-a-uuid");
        assertEquals(404, bogus.statusCode());
        assertEquals("BLOB_UPLOAD_UNKNOWN", errorCode(bogus));
    }

    @Test
    void missingDigestOnFinishIs400() {
        String repository = freshRepository();
        String location = client.startUpload(repository);
        HttpResponse<byte[]> response = client.put(location, "application/octet-stream", new byte[3]);
        assertEquals(400, response.statusCode());
        assertEquals("DIGEST_INVALID", errorCode(response));
    }

    @Test
    void expectContinueIsHonoured() {
        String repository = freshRepository();
        String digest = sha256(BLOB);
        String location = client.startUpload(repository);
        HttpRequest request = client.request(withQuery(location, "digest=" + digest)).expectContinue(true)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(BLOB)).build();
        assertEquals(201, client.send(request).statusCode());
        assertArrayEquals(BLOB, client.get(path(repository, digest)).body());
    }

    @Test
    void crossRepositoryMountLinksWithoutUpload() {
        String source = freshRepository();
        String target = freshRepository();
        String digest = client.pushBlob(source, BLOB);
        HttpResponse<byte[]> mounted = client.post("/v2/" + target + "/blobs/uploads/?mount=" + digest + "&from="
                + source, new byte[0]);
        assertEquals(201, mounted.statusCode());
        assertEquals(path(target, digest), mounted.headers().firstValue("Location").orElseThrow());
        assertArrayEquals(BLOB, client.get(path(target, digest)).body());
    }

    @Test
    void mountOfABlobTheSourceLacksStartsAnUpload() {
        String target = freshRepository();
        String missing = sha256("nowhere".getBytes());
        HttpResponse<byte[]> response = client.post("/v2/" + target + "/blobs/uploads/?mount=" + missing + "&from="
                + freshRepository(), new byte[0]);
        assertEquals(202, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElseThrow().contains("/blobs/uploads/"));
    }

    @Test
    void uploadResumesAfterARestart(@TempDir Path ownData) {
        String repository = "restart/repo";
        String location;
        int split = 1_500_000;
        try (TestBerth first = TestBerth.start(ownData)) {
            RegistryClient c = first.client();
            location = c.startUpload(repository);
            assertEquals(202, c.patch(location, Arrays.copyOfRange(BLOB, 0, split), "Content-Range",
                    "0-" + (split - 1)).statusCode());
        }
        try (TestBerth second = TestBerth.start(ownData)) {
            RegistryClient c = second.client();
            assertEquals("0-" + (split - 1), c.get(location).headers().firstValue("Range").orElseThrow());
            String digest = sha256(BLOB);
            assertEquals(201, c.put(withQuery(location, "digest=" + digest), "application/octet-stream",
                    Arrays.copyOfRange(BLOB, split, BLOB.length)).statusCode());
            assertArrayEquals(BLOB, c.get(path(repository, digest)).body());
        }
    }
}
