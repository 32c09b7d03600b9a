package io.berth.server.jobs;

import static io.berth.server.testing.RegistryClient.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.server.testing.Manifests;
import io.berth.server.testing.RegistryClient;
import io.berth.server.testing.TestBerth;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upkeep jobs of a running Berth: garbage collection and purging of abandoned uploads. */
class JanitorTest {

    @Test
    void collectsUnreferencedBlobsWhileServingAndKeepsReferencedOnes(@TempDir Path data) {
        try (TestBerth berth = TestBerth.start(data, Map.of("gc.grace", "0s"), Clock.systemUTC())) {
            RegistryClient client = berth.client();
            String manifest = client.pushImage("gc/app", "kept", "referenced layer".getBytes());
            String orphan = client.pushBlob("gc/app", "never referenced".getBytes());
            String untagged = client.pushImage("gc/app", "moving", "first layer".getBytes());
            client.pushImage("gc/app", "moving", "second layer".getBytes());

            berth.server().janitor().runOnce().await();

            assertEquals(404, client.head("/v2/gc/app/blobs/" + orphan).statusCode());
            assertEquals(200, client.get("/v2/gc/app/manifests/kept").statusCode());
            String keptLayer = RegistryClient.json(client.get("/v2/gc/app/manifests/kept")).at("/layers/0/digest").asText();
            assertEquals(200, client.head("/v2/gc/app/blobs/" + keptLayer).statusCode());
            // an untagged manifest is still a manifest: its layers stay until the manifest is deleted
            String firstLayer = sha256("first layer".getBytes());
            assertEquals(200, client.head("/v2/gc/app/blobs/" + firstLayer).statusCode());
            assertEquals(202, client.delete("/v2/gc/app/manifests/" + sha256(untagged.getBytes())).statusCode());
            berth.server().janitor().runOnce().await();
            assertEquals(404, client.head("/v2/gc/app/blobs/" + firstLayer).statusCode());
            assertEquals(manifest, new String(client.get("/v2/gc/app/manifests/kept").body()));
        }
    }

    @Test
    void theGracePeriodProtectsBlobsOfManifestsNotPushedYet(@TempDir Path data) {
        try (TestBerth berth = TestBerth.start(data, Map.of("gc.grace", "1h"), Clock.systemUTC())) {
            RegistryClient client = berth.client();
            String config = client.pushBlob("gc/grace", "{}".getBytes());
            String layer = client.pushBlob("gc/grace", "uploaded first".getBytes());
            berth.server().janitor().runOnce().await();
            assertEquals(201, client.putManifest("gc/grace", "late", Manifests.OCI_MANIFEST,
                    Manifests.image(config, 2, layer, 14)).statusCode());
        }
    }

    @Test
    void purgesAbandonedUploads(@TempDir Path data) {
        try (TestBerth berth = TestBerth.start(data, Map.of("uploads.purgeAfter", "0s"), Clock.systemUTC())) {
            RegistryClient client = berth.client();
            String location = client.startUpload("gc/uploads");
            client.patch(location, new byte[4096]);
            berth.server().janitor().runOnce().await();
            assertEquals(404, client.get(location).statusCode());
        }
    }
}
