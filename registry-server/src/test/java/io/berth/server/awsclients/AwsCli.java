package io.berth.server.awsclients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's AWS CLI v2 ({@code /usr/bin/aws}) against Berth, with credentials from a shared-credentials file
 * of the test's own and no other configuration from the machine.
 */
final class AwsCli {
    static final Path BINARY = Path.of("/usr/bin/aws");

    /** What a command did. */
    record Result(int exit, String stdout, String stderr) {
    }

    private final String endpoint;
    private final Path credentialsFile;

    AwsCli(String endpoint, Path credentialsFile) {
        this.endpoint = endpoint;
        this.credentialsFile = credentialsFile;
    }

    static void requireInstalled() {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " is missing: apt-get install -y awscli (scripts/test.sh does)");
        }
    }

    /** Runs {@code aws ARGS} as the profile, with extra environment variables (e.g. session credentials). */
    Result run(String profile, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--region", "us-east-1", "--endpoint-url", endpoint, "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("AWS_"));
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentialsFile.toString());
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        if (profile != null) {
            env.put("AWS_PROFILE", profile);
        }
        env.putAll(new HashMap<>(environment));
        try {
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", args) + " timed out");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run aws", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs and requires exit 0. */
    String ok(String profile, String... args) {
        Result result = run(profile, Map.of(), args);
        if (result.exit() != 0) {
            throw new AssertionError("aws " + String.join(" ", args) + " exited " + result.exit() + ":\n"
                    + result.stderr());
        }
        return result.stdout();
    }
}
