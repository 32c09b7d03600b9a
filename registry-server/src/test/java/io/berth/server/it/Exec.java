package io.berth.server.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command (skopeo, podman, docker...) with a timeout and captures what it prints. {@link
 * Builder#run} fails the test, showing the command and its whole output, when the command exits non-zero or
 * times out; {@link Builder#call} hands back the result whatever the exit code, for tests that expect a failure.
 */
public final class Exec {
    /** Long enough for a 256 MiB copy on a busy 2-core machine; a hung client fails the test instead of the build. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

    private Exec() {
    }

    public static Builder of(String... command) {
        return new Builder(List.of(command));
    }

    public static Builder of(List<String> command) {
        return new Builder(List.copyOf(command));
    }

    /**
     * Fails the test (never skips it) when {@code program} is not an executable on the PATH or at the given
     * absolute path, saying which Debian package provides it.
     */
    public static Path requireProgram(String program, String debianPackage) {
        if (program.startsWith("/")) {
            Path path = Path.of(program);
            if (Files.isExecutable(path)) {
                return path;
            }
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return fail(program + " is not installed; these integration tests need it: apt-get install -y " + debianPackage);
    }

    /** What a finished command printed and how it exited. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public String describe() {
            return "command: " + String.join(" ", command) + "\nexit code: " + exitCode
                    + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }

        /** Stdout and stderr together, for asserting on messages a client may print on either. */
        public String output() {
            return stdout + stderr;
        }
    }

    /** One command to run: environment, working directory, stdin and timeout are optional. */
    public static final class Builder {
        private final List<String> command;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path directory;
        private byte[] stdin;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(List<String> command) {
            this.command = command;
        }

        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> values) {
            environment.putAll(values);
            return this;
        }

        public Builder directory(Path dir) {
            this.directory = dir;
            return this;
        }

        public Builder stdin(String text) {
            this.stdin = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** Runs the command and fails the test unless it exits with 0. */
        public Result run() {
            Result result = call();
            if (result.exitCode() != 0) {
                fail("external command failed\n" + result.describe());
            }
            return result;
        }

        /** Runs the command and returns its result whatever the exit code; fails the test only on a timeout. */
        public Result call() {
            Path out = null;
            Path err = null;
            try {
                out = Files.createTempFile("berth-it-out", ".txt");
                err = Files.createTempFile("berth-it-err", ".txt");
                return execute(out, err);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + command, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + command, e);
            } finally {
                deleteQuietly(out);
                deleteQuietly(err);
            }
        }

        private Result execute(Path out, Path err) throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            long started = System.nanoTime();
            System.out.println("[exec] " + String.join(" ", command));
            Process process = builder.start();
            if (stdin != null) {
                try (var input = process.getOutputStream()) {
                    input.write(stdin);
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                Result partial = new Result(command, -1, text(out), text(err));
                return fail("external command timed out after " + timeout + "\n" + partial.describe());
            }
            Result result = new Result(command, process.exitValue(), text(out), text(err));
            System.out.printf("[exec] exit %d after %d ms%n", result.exitCode(),
                    (System.nanoTime() - started) / 1_000_000);
            if (result.exitCode() != 0) {
                System.out.println(result.describe());
            }
            return result;
        }

        /** Lenient decoding: a client printing bytes that are not UTF-8 must not hide its output. */
        private static String text(Path file) throws IOException {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        }

        private static void deleteQuietly(Path file) {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }
}
