package io.berth.server.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.server.testing.BerthProcess;
import io.berth.server.testing.RegistryClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many near-limit manifests at once must not exhaust a small heap: each takes about ten times its 4 MiB while it
 * is parsed, so 32 at once need more than a 128 MiB heap holds. Berth admits them by memory; every one gets its
 * proper answer (here MANIFEST_BLOB_UNKNOWN: the layers do not exist), never a 500, and the registry keeps working.
 */
class ManifestFloodIT {
    private static final int CLIENTS = 32;
    private static final int LAYERS = 20_000;

    @Test
    void concurrentHugeManifestsAreAnsweredNotFatal(@TempDir Path dir) throws Exception {
        String manifest = hugeManifest();
        try (BerthProcess berth = BerthProcess.start(dir.resolve("data"), "-Xmx128m")) {
            RegistryClient client = berth.client();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<HttpResponse<byte[]>>> sent = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    String repository = "flood/r" + i;
                    sent.add(pool.submit(() -> client.putManifest(repository, "v1",
                            "application/vnd.oci.image.manifest.v1+json", manifest)));
                }
                Map<String, Integer> answers = new TreeMap<>();
                for (Future<HttpResponse<byte[]>> response : sent) {
                    HttpResponse<byte[]> answer = response.get(5, TimeUnit.MINUTES);
                    answers.merge(answer.statusCode() + " " + RegistryClient.errorCode(answer), 1, Integer::sum);
                }
                assertEquals(Map.of("404 MANIFEST_BLOB_UNKNOWN", CLIENTS), answers);
            } finally {
                pool.shutdownNow();
            }
            String pushed = client.pushImage("flood/after", "v1", "still working".getBytes());
            HttpResponse<byte[]> pulled = client.get("/v2/flood/after/manifests/v1",
                    "Accept", "application/vnd.oci.image.manifest.v1+json");
            assertEquals(200, pulled.statusCode());
            assertEquals(pushed, RegistryClient.text(pulled));
        }
    }

    /** An image manifest just under the 4 MiB limit, with {@value #LAYERS} layers that were never pushed. */
    private static String hugeManifest() {
        StringBuilder json = new StringBuilder(4 << 20);
        json.append("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",")
                .append("\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"")
                .append(RegistryClient.sha256("{}".getBytes())).append("\",\"size\":2},\"layers\":[");
        for (int i = 0; i < LAYERS; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"")
                    .append(RegistryClient.sha256(("layer " + i).getBytes())).append("\",\"size\":")
                    .append(1000 + i).append(",\"annotations\":{\"a\":\"xxxxxxxxxxxxxxxxxxxx\"}}");
        }
        return json.append("]}").toString();
    }
}
