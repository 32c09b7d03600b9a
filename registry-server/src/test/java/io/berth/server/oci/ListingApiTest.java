package io.berth.server.oci;

import static io.berth.server.testing.RegistryClient.errorCode;
import static io.berth.server.testing.RegistryClient.json;
import static io.berth.server.testing.RegistryClient.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.server.testing.Manifests;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingApiTest extends ApiTestBase {

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    @Test
    void pingAnswersWithApiVersion() {
        HttpResponse<byte[]> response = client.get("/v2/");
        assertEquals(200, response.statusCode());
        assertEquals("registry/2.0", response.headers().firstValue("Docker-Distribution-API-Version").orElseThrow());
    }

    @Test
    void tagsAreListedInLexicalOrderWithPagination() {
        String repository = freshRepository();
        String manifest = client.pushImage(repository, "b", "t".getBytes());
        for (String tag : List.of("a", "C", "c", "B10", "b2")) {
            client.putManifest(repository, tag, Manifests.OCI_MANIFEST, manifest);
        }
        HttpResponse<byte[]> all = client.get("/v2/" + repository + "/tags/list");
        assertEquals(List.of("B10", "C", "a", "b", "b2", "c"), strings(json(all).get("tags")));
        assertEquals(repository, json(all).get("name").asText());
        assertTrue(all.headers().firstValue("Link").isEmpty());

        HttpResponse<byte[]> first = client.get("/v2/" + repository + "/tags/list?n=2");
        assertEquals(List.of("B10", "C"), strings(json(first).get("tags")));
        String link = first.headers().firstValue("Link").orElseThrow();
        assertTrue(link.contains("n=2") && link.contains("last=C") && link.endsWith("rel=\"next\""), link);

        HttpResponse<byte[]> next = client.get("/v2/" + repository + "/tags/list?n=2&last=C");
        assertEquals(List.of("a", "b"), strings(json(next).get("tags")));
        HttpResponse<byte[]> tail = client.get("/v2/" + repository + "/tags/list?n=10&last=b");
        assertEquals(List.of("b2", "c"), strings(json(tail).get("tags")));
        assertFalse(tail.headers().firstValue("Link").isPresent());
        assertEquals(List.of(), strings(json(client.get("/v2/" + repository + "/tags/list?n=0")).get("tags")));
    }

    @Test
    void aRepeatedTagListShowsEveryTagChangeAtOnce() {
        String repository = freshRepository();
        String manifest = client.pushImage(repository, "v1", "t".getBytes());
        String path = "/v2/" + repository + "/tags/list";
        for (int i = 0; i < 3; i++) { // the second and third are answered from memory
            HttpResponse<byte[]> listed = client.get(path);
            assertEquals(200, listed.statusCode());
            assertEquals(List.of("v1"), strings(json(listed).get("tags")));
            assertEquals("application/json; charset=utf-8", listed.headers().firstValue("Content-Type").orElseThrow());
        }
        client.putManifest(repository, "v2", Manifests.OCI_MANIFEST, manifest);
        assertEquals(List.of("v1", "v2"), strings(json(client.get(path)).get("tags")));
        assertEquals(List.of("v1", "v2"), strings(json(client.get(path)).get("tags")));
        assertEquals(202, client.delete("/v2/" + repository + "/manifests/v1").statusCode());
        assertEquals(List.of("v2"), strings(json(client.get(path)).get("tags")));
        assertEquals(List.of("v2"), strings(json(client.get(path + "?n=5")).get("tags")));
    }

    @Test
    void tagsOfAnUnknownRepositoryAreNameUnknown() {
        HttpResponse<byte[]> response = client.get("/v2/no/such/repo/tags/list");
        assertEquals(404, response.statusCode());
        assertEquals("NAME_UNKNOWN", errorCode(response));
    }

    @Test
    void badPageSizeIs400() {
        String repository = freshRepository();
        client.pushImage(repository, "x", "x".getBytes());
        HttpResponse<byte[]> response = client.get("/v2/" + repository + "/tags/list?n=abc");
        assertEquals(400, response.statusCode());
        assertEquals("PAGINATION_NUMBER_INVALID", errorCode(response));
    }

    @Test
    void catalogListsRepositoriesWithPagination() {
        client.pushImage("catalog/aaa", "x", "1".getBytes());
        client.pushImage("catalog/bbb", "x", "2".getBytes());
        client.pushImage("catalog/ccc", "x", "3".getBytes());
        List<String> all = strings(json(client.get("/v2/_catalog")).get("repositories"));
        assertTrue(all.containsAll(List.of("catalog/aaa", "catalog/bbb", "catalog/ccc")), all.toString());
        assertEquals(all.stream().sorted().toList(), all);
        HttpResponse<byte[]> page = client.get("/v2/_catalog?n=1&last=catalog/aaa");
        assertEquals(List.of("catalog/bbb"), strings(json(page).get("repositories")));
        assertTrue(page.headers().firstValue("Link").orElseThrow().contains("last=catalog%2Fbbb"));
    }

    @Test
    void referrersAreListedAndFilteredByArtifactType() {
        String repository = freshRepository();
        String subject = client.pushImage(repository, "base", "subject".getBytes());
        String subjectDigest = sha256(subject.getBytes());
        String empty = client.pushBlob(repository, "{}".getBytes());
        String layer = client.pushBlob(repository, "sig".getBytes());
        String signature = Manifests.artifact("application/vnd.example.sig", empty, layer, 3, subjectDigest,
                subject.length());
        String sbom = Manifests.artifact("application/vnd.example.sbom", empty, layer, 3, subjectDigest,
                subject.length());
        client.putManifest(repository, sha256(signature.getBytes()), Manifests.OCI_MANIFEST, signature);
        client.putManifest(repository, sha256(sbom.getBytes()), Manifests.OCI_MANIFEST, sbom);

        HttpResponse<byte[]> all = client.get("/v2/" + repository + "/referrers/" + subjectDigest);
        assertEquals(200, all.statusCode());
        assertEquals(Manifests.OCI_INDEX, all.headers().firstValue("Content-Type").orElseThrow());
        JsonNode manifests = json(all).get("manifests");
        assertEquals(2, manifests.size());
        JsonNode first = manifests.get(0);
        assertEquals(Manifests.OCI_MANIFEST, first.get("mediaType").asText());
        assertTrue(first.get("size").asLong() > 0);
        assertEquals("2026-11-22T00:00:00Z", first.path("annotations").path("org.opencontainers.image.created").asText());

        HttpResponse<byte[]> filtered = client.get("/v2/" + repository + "/referrers/" + subjectDigest
                + "?artifactType=application/vnd.example.sbom");
        assertEquals("artifactType", filtered.headers().firstValue("OCI-Filters-Applied").orElseThrow());
        JsonNode only = json(filtered).get("manifests");
        assertEquals(1, only.size());
        assertEquals(sha256(sbom.getBytes()), only.get(0).get("digest").asText());
        assertEquals("application/vnd.example.sbom", only.get(0).get("artifactType").asText());
    }

    @Test
    void referrersOfAnAbsentSubjectAreAnEmptyIndex() {
        String repository = freshRepository();
        String empty = client.pushBlob(repository, "{}".getBytes());
        String layer = client.pushBlob(repository, "early".getBytes());
        String absent = sha256("subject pushed later".getBytes());
        HttpResponse<byte[]> none = client.get("/v2/" + repository + "/referrers/" + absent);
        assertEquals(200, none.statusCode());
        assertEquals(0, json(none).get("manifests").size());
        String artifact = Manifests.artifact("application/vnd.example.early", empty, layer, 5, absent, 100);
        assertEquals(201, client.putManifest(repository, "early", Manifests.OCI_MANIFEST, artifact).statusCode());
        assertEquals(1, json(client.get("/v2/" + repository + "/referrers/" + absent)).get("manifests").size());
    }
}
