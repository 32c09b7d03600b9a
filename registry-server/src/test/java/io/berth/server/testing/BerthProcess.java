package io.berth.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Berth as its own process, run from the packaged jar ({@code registry-server/target/berth.jar}, built before
 * integration tests run), for tests that kill it or limit its memory. Its log goes to a file in the data
 * directory's parent.
 */
public final class BerthProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target", "berth.jar");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;
    private final Path dataDir;

    private BerthProcess(Process process, int port, Path log, Path dataDir) {
        this.dataDir = dataDir;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Berth on a free loopback port and waits until it answers. */
    public static BerthProcess start(Path dataDir, String... jvmOptions) {
        return start(dataDir, java.util.Map.of(), jvmOptions);
    }

    /** Like {@link #start(Path, String...)} with extra environment variables (such as BERTH_* settings). */
    public static BerthProcess start(Path dataDir, java.util.Map<String, String> environment, String... jvmOptions) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the tests with mvn verify");
        }
        int port = freePort();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-berth.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", JAR.toString(), "serve", "--listen", "127.0.0.1:" + port,
                "--data-dir", dataDir.toString()));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            BerthProcess berth = new BerthProcess(process, port, log, dataDir);
            berth.awaitReady();
            return berth;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("berth exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl() + "/v2/").toURL().openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() > 0) { // any answer (401 without credentials) means it serves
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("berth did not start in " + START_TIMEOUT + ":\n" + logText());
    }

    /** A registry password for the root, with the credentials Berth wrote into its data directory. */
    public String loginPassword() {
        try {
            var credentials = Files.readAllLines(dataDir.resolve("credentials"));
            String id = valueOf(credentials, "aws_access_key_id");
            String secret = valueOf(credentials, "aws_secret_access_key");
            return new io.berth.server.aws.AwsApiClient(URI.create(baseUrl()),
                    io.berth.auth.sigv4.AwsCredentials.of(id, secret), "us-east-1").loginPassword();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A registry client logged in as the root. */
    public RegistryClient client() {
        return RegistryClient.withPassword(baseUrl(), loginPassword());
    }

    private static String valueOf(java.util.List<String> lines, String key) {
        return lines.stream().filter(line -> line.startsWith(key)).map(line -> line.substring(line.indexOf('=') + 1)
                .strip()).findFirst().orElseThrow(() -> new IllegalStateException("no " + key + " in credentials"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** The process's peak resident memory so far (VmHWM), in KiB; -1 if unknown. */
    public long peakRssKib() {
        return statusField("VmHWM:");
    }

    /** The process's resident memory now (VmRSS), in KiB; -1 if unknown. */
    public long rssKib() {
        return statusField("VmRSS:");
    }

    private long statusField(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** SIGKILL, as a crash or an OOM killer would: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM, as a service manager stops it; returns the exit code. */
    public int stop() {
        process.destroy();
        return waitFor();
    }

    private int waitFor() {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
