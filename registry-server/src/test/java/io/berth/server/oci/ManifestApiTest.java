package io.berth.server.oci;

import static io.berth.server.testing.RegistryClient.errorCode;
import static io.berth.server.testing.RegistryClient.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.testing.Manifests;
import io.berth.server.testing.RegistryClient;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestApiTest extends ApiTestBase {

    private static String manifestPath(String repository, String reference) {
        return "/v2/" + repository + "/manifests/" + reference;
    }

    /** Pushes an empty config and a layer holding {@code layerText}; returns an image manifest naming both. */
    private static String manifestOfPushedBlobs(String repository, String layerText) {
        String config = client.pushBlob(repository, "{}".getBytes());
        String layer = client.pushBlob(repository, layerText.getBytes());
        return Manifests.image(config, 2, layer, layerText.length());
    }

    @Test
    void pushByTagThenPullByTagAndDigestBitForBit() {
        String repository = freshRepository();
        String manifest = client.pushImage(repository, "v1", "layer".getBytes());
        String digest = sha256(manifest.getBytes());
        for (String reference : new String[] {"v1", digest}) {
            HttpResponse<byte[]> response = client.get(manifestPath(repository, reference),
                    "Accept", Manifests.OCI_MANIFEST);
            assertEquals(200, response.statusCode());
            assertEquals(manifest, new String(response.body()));
            assertEquals(digest, response.headers().firstValue("Docker-Content-Digest").orElseThrow());
            assertEquals(Manifests.OCI_MANIFEST, response.headers().firstValue("Content-Type").orElseThrow());
        }
        HttpResponse<byte[]> head = client.head(manifestPath(repository, "v1"));
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(manifest.length()), head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(digest, head.headers().firstValue("Docker-Content-Digest").orElseThrow());
    }

    @Test
    void pushAnswersLocationAndDigest() {
        String repository = freshRepository();
        String config = client.pushBlob(repository, "{}".getBytes());
        String layer = client.pushBlob(repository, "l".getBytes());
        String manifest = Manifests.image(config, 2, layer, 1);
        HttpResponse<byte[]> response = client.putManifest(repository, "latest", Manifests.OCI_MANIFEST, manifest);
        assertEquals(201, response.statusCode());
        String digest = sha256(manifest.getBytes());
        assertEquals(digest, response.headers().firstValue("Docker-Content-Digest").orElseThrow());
        assertEquals(manifestPath(repository, digest), response.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void dockerSchema2ManifestKeepsItsMediaType() {
        String repository = freshRepository();
        String config = client.pushBlob(repository, "{\"os\":\"linux\"}".getBytes());
        String layer = client.pushBlob(repository, "docker-layer".getBytes());
        String manifest = """
                {"schemaVersion":2,"mediaType":"%s",\
                "config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"%s","size":15},\
                "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","digest":"%s","size":12}]}"""
                .formatted(Manifests.DOCKER_MANIFEST, config, layer);
        assertEquals(201, client.putManifest(repository, "d", Manifests.DOCKER_MANIFEST, manifest).statusCode());
        HttpResponse<byte[]> response = client.get(manifestPath(repository, "d"), "Accept", Manifests.DOCKER_MANIFEST);
        assertEquals(Manifests.DOCKER_MANIFEST, response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void missingLayerIsManifestBlobUnknown() {
        String repository = freshRepository();
        String config = client.pushBlob(repository, "{}".getBytes());
        String manifest = Manifests.image(config, 2, sha256("absent".getBytes()), 6);
        HttpResponse<byte[]> response = client.putManifest(repository, "x", Manifests.OCI_MANIFEST, manifest);
        assertEquals(404, response.statusCode());
        assertEquals("MANIFEST_BLOB_UNKNOWN", errorCode(response));
        assertEquals(404, client.get(manifestPath(repository, "x")).statusCode());
    }

    @Test
    void indexNeedsItsChildManifests() {
        String repository = freshRepository();
        String child = client.pushImage(repository, "child", "c".getBytes());
        String childDigest = sha256(child.getBytes());
        String missing = sha256("not pushed".getBytes());
        HttpResponse<byte[]> refused = client.putManifest(repository, "multi", Manifests.OCI_INDEX,
                Manifests.index(childDigest, String.valueOf(child.length()), missing, "10"));
        assertEquals(404, refused.statusCode());
        assertEquals("MANIFEST_BLOB_UNKNOWN", errorCode(refused));
        String index = Manifests.index(childDigest, String.valueOf(child.length()));
        assertEquals(201, client.putManifest(repository, "multi", Manifests.OCI_INDEX, index).statusCode());
        HttpResponse<byte[]> pulled = client.get(manifestPath(repository, "multi"), "Accept", Manifests.OCI_INDEX);
        assertEquals(index, new String(pulled.body()));
    }

    @Test
    void aChildOfAnIndexCannotBeDeletedBeforeTheIndex() {
        String repository = freshRepository();
        String child = client.pushImage(repository, "child", "c2".getBytes());
        String childDigest = sha256(child.getBytes());
        String index = Manifests.index(childDigest, String.valueOf(child.length()));
        client.putManifest(repository, "multi", Manifests.OCI_INDEX, index);
        HttpResponse<byte[]> refused = client.delete(manifestPath(repository, childDigest));
        assertEquals(409, refused.statusCode());
        assertEquals(202, client.delete(manifestPath(repository, sha256(index.getBytes()))).statusCode());
        assertEquals(202, client.delete(manifestPath(repository, childDigest)).statusCode());
    }

    @Test
    void clientsThatDoNotAcceptAnIndexAreNotHandedOne() {
        String repository = freshRepository();
        String child = client.pushImage(repository, "child", "c3".getBytes());
        client.putManifest(repository, "multi", Manifests.OCI_INDEX,
                Manifests.index(sha256(child.getBytes()), String.valueOf(child.length())));
        HttpResponse<byte[]> response = client.get(manifestPath(repository, "multi"), "Accept", Manifests.DOCKER_MANIFEST);
        assertEquals(404, response.statusCode());
        assertEquals("MANIFEST_UNKNOWN", errorCode(response));
        assertEquals(200, client.get(manifestPath(repository, "multi"), "Accept", "*/*").statusCode());
    }

    @Test
    void invalidManifestsAreRejected() {
        String repository = freshRepository();
        HttpResponse<byte[]> notJson = client.putManifest(repository, "bad", Manifests.OCI_MANIFEST, "{not json");
        assertEquals(400, notJson.statusCode());
        assertEquals("MANIFEST_INVALID", errorCode(notJson));
        HttpResponse<byte[]> schema1 = client.putManifest(repository, "bad",
                "application/vnd.docker.distribution.manifest.v1+json", "{\"schemaVersion\":1}");
        assertEquals(400, schema1.statusCode());
        assertEquals("MANIFEST_INVALID", errorCode(schema1));
        HttpResponse<byte[]> deep = client.putManifest(repository, "bad", Manifests.OCI_MANIFEST,
                "[".repeat(5000) + "]".repeat(5000));
        assertEquals(400, deep.statusCode());
    }

    @Test
    void digestReferenceMustMatchTheBody() {
        String repository = freshRepository();
        String manifest = client.pushImage(repository, "t", "d".getBytes());
        HttpResponse<byte[]> response = client.putManifest(repository, sha256("other".getBytes()),
                Manifests.OCI_MANIFEST, manifest);
        assertEquals(400, response.statusCode());
        assertEquals("DIGEST_INVALID", errorCode(response));
        assertEquals(201, client.putManifest(repository, sha256(manifest.getBytes()), Manifests.OCI_MANIFEST,
                manifest).statusCode());
    }

    @Test
    void oversizedManifestIs413() {
        String repository = freshRepository();
        String huge = "{\"schemaVersion\":2,\"annotations\":{\"a\":\"" + "x".repeat(5 << 20) + "\"}}";
        HttpResponse<byte[]> response = client.putManifest(repository, "big", Manifests.OCI_MANIFEST, huge);
        assertEquals(413, response.statusCode());
        assertEquals("SIZE_INVALID", errorCode(response));
    }

    @Test
    void invalidTagAndNameAreRejectedOnPush() {
        HttpResponse<byte[]> badTag = client.putManifest(freshRepository(), "-bad", Manifests.OCI_MANIFEST, "{}");
        assertEquals(400, badTag.statusCode());
        assertEquals("TAG_INVALID", errorCode(badTag));
        HttpResponse<byte[]> badName = client.putManifest("Upper/Case", "ok", Manifests.OCI_MANIFEST, "{}");
        assertEquals(400, badName.statusCode());
        assertEquals("NAME_INVALID", errorCode(badName));
    }

    @Test
    void aPushByDigestTagsTheManifestWithItsTagParameters() {
        String repository = freshRepository();
        String manifest = manifestOfPushedBlobs(repository, "tagged by parameter");
        String digest = sha256(manifest.getBytes());
        HttpResponse<byte[]> pushed = client.putManifest(repository, digest + "?tag=1.2.3&tag=1.2&tag=latest&tag=1.2",
                Manifests.OCI_MANIFEST, manifest);
        assertEquals(201, pushed.statusCode());
        assertEquals(List.of("1.2.3, 1.2, latest"), pushed.headers().allValues("OCI-Tag"));
        assertEquals(digest, pushed.headers().firstValue("Docker-Content-Digest").orElseThrow());
        for (String tag : List.of("1.2.3", "1.2", "latest")) {
            HttpResponse<byte[]> pulled = client.get(manifestPath(repository, tag), "Accept", Manifests.OCI_MANIFEST);
            assertEquals(200, pulled.statusCode(), tag);
            assertEquals(manifest, new String(pulled.body()));
        }
        assertEquals("[\"1.2\",\"1.2.3\",\"latest\"]",
                RegistryClient.json(client.get("/v2/" + repository + "/tags/list")).get("tags").toString());

        String next = manifestOfPushedBlobs(repository, "next");
        HttpResponse<byte[]> moved = client.putManifest(repository, sha256(next.getBytes()) + "?tag=latest",
                Manifests.OCI_MANIFEST, next);
        assertEquals(List.of("latest"), moved.headers().allValues("OCI-Tag"));
        assertEquals(next, new String(client.get(manifestPath(repository, "latest"), "Accept",
                Manifests.OCI_MANIFEST).body()));
        assertEquals(manifest, new String(client.get(manifestPath(repository, "1.2"), "Accept",
                Manifests.OCI_MANIFEST).body()));
    }

    @Test
    void anInvalidTagParameterStoresNothing() {
        String repository = freshRepository();
        String manifest = manifestOfPushedBlobs(repository, "never tagged");
        String digest = sha256(manifest.getBytes());
        HttpResponse<byte[]> refused = client.putManifest(repository, digest + "?tag=fine&tag=-bad",
                Manifests.OCI_MANIFEST, manifest);
        assertEquals(400, refused.statusCode());
        assertEquals("TAG_INVALID", errorCode(refused));
        assertEquals(404, client.get(manifestPath(repository, digest)).statusCode());
        assertEquals(404, client.get(manifestPath(repository, "fine")).statusCode());
    }

    @Test
    void aPushByTagHasNoTagParameters() {
        String repository = freshRepository();
        String manifest = manifestOfPushedBlobs(repository, "by tag");
        HttpResponse<byte[]> pushed = client.putManifest(repository, "v1?tag=other", Manifests.OCI_MANIFEST,
                manifest);
        assertEquals(201, pushed.statusCode());
        assertTrue(pushed.headers().allValues("OCI-Tag").isEmpty());
        assertEquals(200, client.get(manifestPath(repository, "v1")).statusCode());
        assertEquals(404, client.get(manifestPath(repository, "other")).statusCode());
    }

    @Test
    void unknownAndMalformedReferencesAre404OnRead() {
        String repository = freshRepository();
        client.pushImage(repository, "present", "p".getBytes());
        assertEquals("MANIFEST_UNKNOWN", errorCode(client.get(manifestPath(repository, "absent"))));
        assertEquals(404, client.head(manifestPath(repository, ".INVALID")).statusCode());
        HttpResponse<byte[]> badDigest = client.get(manifestPath(repository, "sha256:totallywrong"));
        assertEquals(400, badDigest.statusCode());
        assertEquals("DIGEST_INVALID", errorCode(badDigest));
    }

    @Test
    void deleteByDigestRemovesManifestAndItsTags() {
        String repository = freshRepository();
        String manifest = client.pushImage(repository, "gone", "g".getBytes());
        String digest = sha256(manifest.getBytes());
        assertEquals(202, client.delete(manifestPath(repository, digest)).statusCode());
        assertEquals(404, client.get(manifestPath(repository, digest)).statusCode());
        assertEquals(404, client.get(manifestPath(repository, "gone")).statusCode());
        assertEquals(404, client.delete(manifestPath(repository, digest)).statusCode());
    }

    @Test
    void deleteByTagKeepsTheManifest() {
        String repository = freshRepository();
        String manifest = client.pushImage(repository, "one", "o".getBytes());
        client.putManifest(repository, "two", Manifests.OCI_MANIFEST, manifest);
        assertEquals(202, client.delete(manifestPath(repository, "one")).statusCode());
        assertEquals(404, client.get(manifestPath(repository, "one")).statusCode());
        assertEquals(200, client.get(manifestPath(repository, "two")).statusCode());
        assertEquals(200, client.get(manifestPath(repository, sha256(manifest.getBytes()))).statusCode());
    }

    @Test
    void retaggingMovesTheTag() {
        String repository = freshRepository();
        client.pushImage(repository, "moving", "first".getBytes());
        String second = client.pushImage(repository, "moving", "second".getBytes());
        HttpResponse<byte[]> response = client.get(manifestPath(repository, "moving"));
        assertEquals(second, new String(response.body()));
    }

    @Test
    void pullsAfterARetagOrADeleteSeeItAtOnce() {
        String repository = freshRepository();
        String first = client.pushImage(repository, "hot", "first".getBytes());
        String firstDigest = sha256(first.getBytes());
        for (int i = 0; i < 3; i++) { // the first pull reads the store, the next ones are answered from memory
            assertEquals(first, new String(client.get(manifestPath(repository, "hot")).body()));
            assertEquals(200, client.head(manifestPath(repository, firstDigest)).statusCode());
        }
        String second = client.pushImage(repository, "hot", "second".getBytes());
        assertEquals(second, new String(client.get(manifestPath(repository, "hot")).body()));
        assertEquals(second, new String(client.get(manifestPath(repository, "hot")).body()));
        assertEquals(202, client.delete(manifestPath(repository, "hot")).statusCode());
        assertEquals(404, client.get(manifestPath(repository, "hot")).statusCode());
        assertEquals(404, client.head(manifestPath(repository, "hot")).statusCode());
        assertEquals(202, client.delete(manifestPath(repository, firstDigest)).statusCode());
        assertEquals(404, client.get(manifestPath(repository, firstDigest)).statusCode());
        assertEquals(404, client.head(manifestPath(repository, firstDigest)).statusCode());
    }

    @Test
    void nonDistributableLayersNeedNotBePresent() {
        String repository = freshRepository();
        String config = client.pushBlob(repository, "{}".getBytes());
        String manifest = """
                {"schemaVersion":2,"mediaType":"%s",\
                "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":2},\
                "layers":[{"mediaType":"application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",\
                "digest":"%s","size":123,"urls":["https://example.invalid/layer"]}]}"""
                .formatted(Manifests.OCI_MANIFEST, config, sha256("foreign".getBytes()));
        assertEquals(201, client.putManifest(repository, "foreign", Manifests.OCI_MANIFEST, manifest).statusCode());
    }

    @Test
    void subjectIsAnsweredWithOciSubjectHeader() {
        String repository = freshRepository();
        String subject = client.pushImage(repository, "base", "s".getBytes());
        String subjectDigest = sha256(subject.getBytes());
        String empty = client.pushBlob(repository, "{}".getBytes());
        String layer = client.pushBlob(repository, "signature".getBytes());
        String artifact = Manifests.artifact("application/vnd.example.sig", empty, layer, 9, subjectDigest,
                subject.length());
        HttpResponse<byte[]> response = client.putManifest(repository, sha256(artifact.getBytes()),
                Manifests.OCI_MANIFEST, artifact);
        assertEquals(201, response.statusCode());
        assertEquals(subjectDigest, response.headers().firstValue("OCI-Subject").orElseThrow());
        assertTrue(response.headers().firstValue("Location").orElseThrow().endsWith(sha256(artifact.getBytes())));
    }
}
