package io.berth.server.durability;

import static io.berth.server.testing.RegistryClient.sha256;
import static io.berth.server.testing.RegistryClient.withQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.server.config.ConfigLoader;
import io.berth.server.BerthServer;
import io.berth.server.testing.BerthProcess;
import io.berth.server.testing.Manifests;
import io.berth.server.testing.RegistryClient;
import io.berth.storage.Store;
import io.berth.storage.check.StoreChecker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at arbitrary moments of concurrent pushes never corrupts the store: after each restart every
 * stored blob hashes to its digest, every manifest's references resolve, every tag points at a manifest, and
 * an interrupted upload either resumes from the offset it reports or is unknown.
 */
class CrashRecoveryIT {
    private static final int ROUNDS = 4;
    private static final int PUSHERS = 4;

    @Test
    void killDuringPushesLeavesAConsistentStore(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Random random = new Random(42);
        for (int round = 0; round < ROUNDS; round++) {
            try (BerthProcess berth = BerthProcess.start(data, "-Xmx256m")) {
                RegistryClient client = berth.client();
                verifyThroughTheApi(client);
                AtomicBoolean crashed = new AtomicBoolean();
                ExecutorService pushers = Executors.newFixedThreadPool(PUSHERS);
                for (int p = 0; p < PUSHERS; p++) {
                    long seed = random.nextLong();
                    String repository = "crash/r" + round + "-" + p;
                    pushers.submit(() -> pushUntilCrash(client, repository, seed, crashed));
                }
                Thread.sleep(800 + random.nextInt(2500));
                crashed.set(true);
                berth.kill();
                pushers.shutdown();
                pushers.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        try (BerthProcess berth = BerthProcess.start(data, "-Xmx256m")) {
            verifyThroughTheApi(berth.client());
            int exit = berth.stop();
            assertTrue(exit == 0 || exit == 143, "exit " + exit + " on SIGTERM:\n" + berth.logText());
        }
        var config = ConfigLoader.load(null, Map.of(), Map.of("storage.dataDir", data.toString()));
        try (Store store = BerthServer.openStore(config, Clock.systemUTC())) {
            StoreChecker.Report report = new StoreChecker(store).check();
            assertTrue(report.healthy(), report.problems().toString());
            assertTrue(report.manifests() > 0 && report.blobs() > 0, report.toString());
        }
    }

    @Test
    void anUploadInterruptedByAKillResumesFromItsReportedOffset(@TempDir Path dir) {
        Path data = dir.resolve("data");
        byte[] blob = new byte[5 << 20];
        new Random(7).nextBytes(blob);
        String location;
        int sent = 3_100_000;
        try (BerthProcess berth = BerthProcess.start(data)) {
            RegistryClient client = berth.client();
            location = client.startUpload("crash/resume");
            assertEquals(202, client.patch(location, Arrays.copyOfRange(blob, 0, sent), "Content-Range",
                    "0-" + (sent - 1)).statusCode());
            berth.kill();
        }
        try (BerthProcess berth = BerthProcess.start(data)) {
            RegistryClient client = berth.client();
            HttpResponse<byte[]> status = client.get(location);
            assertEquals(204, status.statusCode());
            String range = status.headers().firstValue("Range").orElseThrow();
            int resumeAt = Integer.parseInt(range.substring(range.indexOf('-') + 1)) + 1;
            assertEquals(sent, resumeAt);
            assertEquals(202, client.patch(location, Arrays.copyOfRange(blob, resumeAt, blob.length), "Content-Range",
                    resumeAt + "-" + (blob.length - 1)).statusCode());
            String digest = sha256(blob);
            assertEquals(201, client.put(withQuery(location, "digest=" + digest), "application/octet-stream",
                    new byte[0]).statusCode());
            assertEquals(digest, sha256(client.get("/v2/crash/resume/blobs/" + digest).body()));
        }
    }

    /** Pushes images with chunked layers until the server dies under it; errors after the crash are expected. */
    private static void pushUntilCrash(RegistryClient client, String repository, long seed, AtomicBoolean crashed) {
        Random random = new Random(seed);
        try {
            for (int image = 0; !crashed.get(); image++) {
                byte[] layer = new byte[(1 + random.nextInt(6)) << 20];
                random.nextBytes(layer);
                String location = client.startUpload(repository);
                int offset = 0;
                while (offset < layer.length) {
                    int length = Math.min(layer.length - offset, 300_000 + random.nextInt(700_000));
                    client.patch(location, Arrays.copyOfRange(layer, offset, offset + length),
                            "Content-Range", offset + "-" + (offset + length - 1));
                    offset += length;
                }
                String layerDigest = sha256(layer);
                client.put(withQuery(location, "digest=" + layerDigest), "application/octet-stream", new byte[0]);
                byte[] config = ("{\"image\":" + image + "}").getBytes();
                String configDigest = client.pushBlob(repository, config);
                client.putManifest(repository, "v" + image, Manifests.OCI_MANIFEST,
                        Manifests.image(configDigest, config.length, layerDigest, layer.length));
            }
        } catch (RuntimeException | AssertionError expectedAfterTheCrash) {
            if (!crashed.get()) {
                throw expectedAfterTheCrash;
            }
        }
    }

    /** Every tag of every repository pulls, and every layer it names hashes to its digest. */
    private static void verifyThroughTheApi(RegistryClient client) {
        JsonNode repositories = RegistryClient.json(client.get("/v2/_catalog")).get("repositories");
        for (JsonNode repository : repositories) {
            String name = repository.asText();
            HttpResponse<byte[]> tags = client.get("/v2/" + name + "/tags/list");
            if (tags.statusCode() == 404) {
                continue; // a repository whose first push was interrupted before any manifest
            }
            List<String> tagNames = new ArrayList<>();
            RegistryClient.json(tags).path("tags").forEach(tag -> tagNames.add(tag.asText()));
            for (String tag : tagNames) {
                HttpResponse<byte[]> manifest = client.get("/v2/" + name + "/manifests/" + tag);
                assertEquals(200, manifest.statusCode(), name + ":" + tag);
                for (JsonNode layer : RegistryClient.json(manifest).get("layers")) {
                    String digest = layer.get("digest").asText();
                    HttpResponse<byte[]> blob = client.get("/v2/" + name + "/blobs/" + digest);
                    assertEquals(200, blob.statusCode(), digest);
                    assertEquals(digest, sha256(blob.body()));
                    assertEquals(layer.get("size").asLong(), blob.body().length);
                }
            }
        }
    }
}
