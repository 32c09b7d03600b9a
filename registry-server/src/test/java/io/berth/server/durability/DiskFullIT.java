package io.berth.server.durability;

import static io.berth.server.testing.RegistryClient.errorCode;
import static io.berth.server.testing.RegistryClient.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.testing.BerthProcess;
import io.berth.server.testing.RegistryClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk answers pushes with a clear 507 error, never a stack trace, and loses nothing already stored:
 * blobs pushed before still pull bit for bit, and once space is back Berth takes pushes again.
 * Runs Berth on a small tmpfs, which needs root (as the test machines and CI have).
 */
class DiskFullIT {
    private static final String VOLUME_SIZE = "160m";
    private Path mountPoint;

    @AfterEach
    void unmount() throws Exception {
        if (mountPoint != null) {
            run("umount", "-l", mountPoint.toString());
        }
    }

    @Test
    void aFullDiskIsAClearErrorAndLosesNothing(@TempDir Path dir) throws Exception {
        mountPoint = dir.resolve("volume");
        Files.createDirectories(mountPoint);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + VOLUME_SIZE, "tmpfs", mountPoint.toString()) == 0,
                "mounting a tmpfs needs root");
        Path data = mountPoint.resolve("data");
        Map<String, String> smallBuffers = Map.of("BERTH_STORAGE_WRITE_BUFFER_SIZE", "8m",
                "BERTH_STORAGE_BLOB_FILE_SIZE", "8m");
        Random random = new Random(3);
        List<byte[]> stored = new ArrayList<>();
        try (BerthProcess berth = BerthProcess.start(data, smallBuffers, "-Xmx256m")) {
            RegistryClient client = berth.client();
            HttpResponse<byte[]> refused = null;
            for (int i = 0; i < 100 && refused == null; i++) {
                byte[] blob = new byte[4 << 20];
                random.nextBytes(blob);
                String location = client.startUploadOrNull("full/disk");
                if (location == null) {
                    refused = client.post("/v2/full/disk/blobs/uploads/", new byte[0]);
                    break;
                }
                HttpResponse<byte[]> response = client.put(RegistryClient.withQuery(location, "digest=" + sha256(blob)),
                        "application/octet-stream", blob);
                if (response.statusCode() == 201) {
                    stored.add(blob);
                } else {
                    refused = response;
                }
            }
            assertTrue(refused != null, "a " + VOLUME_SIZE + " volume never filled up");
            assertEquals(507, refused.statusCode(), new String(refused.body()));
            assertEquals("UNKNOWN", errorCode(refused));
            assertTrue(new String(refused.body()).contains("no space left"), new String(refused.body()));
            assertTrue(stored.size() >= 3, "stored only " + stored.size() + " blobs before the disk filled");
            for (byte[] blob : stored) {
                HttpResponse<byte[]> pulled = client.get("/v2/full/disk/blobs/" + sha256(blob));
                assertEquals(200, pulled.statusCode());
                assertEquals(sha256(blob), sha256(pulled.body()));
            }
        }
        run("mount", "-o", "remount,size=512m", mountPoint.toString());
        try (BerthProcess berth = BerthProcess.start(data, smallBuffers, "-Xmx256m")) {
            RegistryClient client = berth.client();
            for (byte[] blob : stored) {
                assertEquals(sha256(blob), sha256(client.get("/v2/full/disk/blobs/" + sha256(blob)).body()));
            }
            byte[] more = new byte[1 << 20];
            random.nextBytes(more);
            assertEquals(sha256(more), client.pushBlob("full/disk", more));
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
