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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command (skopeo, podman, docker...) with a timeout and captures what it prints. {@link
 * Builder#run} fails the test, showing the command and its whole output, when the command exits non-zero or
 * times out; {@link Builder#call} hands back the result whatever the exit code, for tests that expect a failure.
 * Secrets (login passwords, secret keys) never reach the test log: a command names them with {@link
 * Builder#redact} (or {@link Builder#secretOutput} when its output is the secret), and every line printed about
 * it, and its {@link Result#describe}, shows {@value #REDACTED} in their place. Pass secrets on stdin, never in
 * arguments, as real users do with {@code --password-stdin}.
 */
public final class Exec {
    /** Long enough for a 256 MiB copy on a busy 2-core machine; a hung client fails the test instead of the build. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);
    /** What stands for a secret in anything printed. */
    public static final String REDACTED = "<redacted>";

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

    /**
     * What a finished command printed and how it exited. {@link #describe} (for test logs and assertion messages)
     * hides the secrets; the components themselves are what the command printed, for assertions.
     */
    public record Result(List<String> command, int exitCode, String stdout, String stderr, Redaction redaction) {
        public Result {
            command = List.copyOf(command);
        }

        public String describe() {
            return "command: " + redaction.apply(String.join(" ", command)) + "\nexit code: " + exitCode
                    + "\n--- stdout ---\n" + (redaction.stdoutSecret() && !stdout.isEmpty()
                    ? REDACTED + " (" + stdout.length() + " characters)" : redaction.apply(stdout))
                    + "\n--- stderr ---\n" + redaction.apply(stderr);
        }

        /** Stdout and stderr together, for asserting on messages a client may print on either. */
        public String output() {
            return stdout + stderr;
        }
    }

    /** Which strings a command's printed description hides, and whether its whole stdout is secret. */
    public record Redaction(List<String> secrets, boolean stdoutSecret) {
        public Redaction {
            secrets = List.copyOf(secrets);
        }

        public String apply(String text) {
            String shown = text;
            for (String secret : secrets) {
                shown = shown.replace(secret, REDACTED);
            }
            return shown;
        }
    }

    /** One command to run: environment, working directory, stdin and timeout are optional. */
    public static final class Builder {
        private final List<String> command;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> removedEnvironmentPrefixes = new ArrayList<>();
        private final List<String> secrets = new ArrayList<>();
        private boolean stdoutSecret;
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

        /**
         * Removes every inherited environment variable whose name starts with {@code prefix} (such as {@code
         * AWS_}, so that only the variables set with {@link #env} configure the client); set ones stay.
         */
        public Builder withoutInheritedEnv(String prefix) {
            removedEnvironmentPrefixes.add(prefix);
            return this;
        }

        /** Never prints {@code secret} (nor its Basic-auth encoding as user AWS): it shows as {@value #REDACTED}. */
        public Builder redact(String secret) {
            if (secret != null && !secret.isEmpty()) {
                secrets.add(secret);
                secrets.add(Base64.getEncoder().encodeToString(
                        ("AWS:" + secret).getBytes(StandardCharsets.UTF_8)));
            }
            return this;
        }

        /** The command prints a secret on stdout (a password): it is never shown. */
        public Builder secretOutput() {
            stdoutSecret = true;
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
            builder.environment().keySet().removeIf(name -> removedEnvironmentPrefixes.stream()
                    .anyMatch(name::startsWith));
            builder.environment().putAll(environment);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            Redaction redaction = new Redaction(secrets, stdoutSecret);
            long started = System.nanoTime();
            System.out.println("[exec] " + redaction.apply(String.join(" ", command)));
            Process process = builder.start();
            if (stdin != null) {
                try (var input = process.getOutputStream()) {
                    input.write(stdin);
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                Result partial = new Result(command, -1, text(out), text(err), redaction);
                return fail("external command timed out after " + timeout + "\n" + partial.describe());
            }
            Result result = new Result(command, process.exitValue(), text(out), text(err), redaction);
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
