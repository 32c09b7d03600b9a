package io.berth.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.testing.RegistryClient;
import io.berth.server.testing.TestBerth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code bin/berth} launcher with the packaged jar: log in to a running Berth, check a stopped one. */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "berth").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target", "berth.jar").toAbsolutePath();

    private record Result(int exit, String output) {
    }

    private static Result berth(String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new java.util.ArrayList<>(List.of(LAUNCHER.toString())));
        builder.command().addAll(List.of(args));
        builder.environment().put("BERTH_JAR", JAR.toString());
        builder.environment().keySet().removeIf(key -> key.startsWith("AWS_"));
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "berth " + String.join(" ", args) + " timed out");
        return new Result(process.exitValue(), output);
    }

    @Test
    void logsInToARunningBerthAndChecksAStoppedOne(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (TestBerth running = TestBerth.start(data)) {
            running.client().pushImage("launcher/app", "1", "launcher layer".getBytes());
            Result password = berth("get-login-password", "--endpoint-url", running.baseUrl(), "--data-dir",
                    data.toString());
            assertEquals(0, password.exit(), password.output());
            assertEquals(200, RegistryClient.withPassword(running.baseUrl(), password.output().strip())
                    .get("/v2/launcher/app/manifests/1").statusCode());
        }
        Result check = berth("check", "--data-dir", data.toString());
        assertEquals(0, check.exit(), check.output());
        assertTrue(check.output().contains("checked 2 blobs") && check.output().contains("1 manifests")
                && check.output().contains("store is healthy"), check.output());
        Result usage = berth("no-such-command");
        assertEquals(2, usage.exit(), usage.output());
    }
}
