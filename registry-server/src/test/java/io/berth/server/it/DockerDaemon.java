package io.berth.server.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real dockerd of its own for one test class, started as REAL-CLIENTS.md shows (vfs, no iptables, no bridge)
 * with its data, exec root, socket, pid file and CLI config in a fresh directory; {@link #close} stops it by its
 * pid file, then stops whatever it started (containerd, shims) and removes the directory.
 */
public final class DockerDaemon implements AutoCloseable {
    /** The 28.2 CLI: it can {@code docker manifest inspect} an OCI index, Debian's 20.10 one cannot. */
    public static final String CLI = "/usr/local/bin/docker";
    /** dockerd starts in seconds here; a loaded 2-core machine gets some slack. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final Process process;

    private DockerDaemon(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    public static DockerDaemon start() {
        Exec.requireProgram("dockerd", "docker.io");
        Exec.requireProgram(CLI, "a docker 28.x CLI at " + CLI);
        try {
            // Under /tmp directly: a unix socket path must stay under 108 bytes.
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "berth-dockerd-");
            Process process = new ProcessBuilder("dockerd",
                    "--host", "unix://" + dir.resolve("docker.sock"),
                    "--data-root", dir.resolve("data").toString(),
                    "--exec-root", dir.resolve("exec").toString(),
                    "--pidfile", dir.resolve("dockerd.pid").toString(),
                    "--storage-driver=vfs", "--iptables=false", "--ip6tables=false", "--bridge=none",
                    "--ip-masq=false")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("dockerd.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            DockerDaemon daemon = new DockerDaemon(dir, process);
            daemon.awaitReady();
            return daemon;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dockerd", e);
        }
    }

    /**
     * The docker CLI talking to this daemon, with a CLI config directory (logins, manifest lists) of its own in
     * the daemon's temporary directory.
     */
    public Exec.Builder docker(String... args) {
        return docker(dir.resolve("cli-config"), args);
    }

    /** The docker CLI talking to this daemon with {@code configDir} as its DOCKER_CONFIG (logins live there). */
    public Exec.Builder docker(Path configDir, String... args) {
        List<String> command = new ArrayList<>(List.of(CLI));
        command.addAll(List.of(args));
        return Exec.of(command)
                .env("DOCKER_HOST", "unix://" + dir.resolve("docker.sock"))
                .env("DOCKER_CONFIG", configDir.toString());
    }

    /**
     * {@code docker login --username USER --password-stdin REGISTRY} with {@code configDir} as DOCKER_CONFIG, the
     * password piped in as from {@code aws ecr get-login-password}; the result whatever the exit code.
     */
    public Exec.Result login(Path configDir, String registry, String user, String password) {
        return docker(configDir, "login", "--username", user, "--password-stdin", registry)
                .stdin(password + "\n").redact(password).call();
    }

    /** {@link #login(Path, String, String, String)} into the daemon's own CLI config, which {@link #docker} uses. */
    public Exec.Result login(String registry, String user, String password) {
        return login(dir.resolve("cli-config"), registry, user, password);
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("dockerd.log"));
        } catch (IOException e) {
            return "(no dockerd log: " + e + ")";
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("dockerd exited with " + process.exitValue() + " while starting:\n" + log());
            }
            if (docker("info", "--format", "{{.ServerVersion}}").timeout(Duration.ofSeconds(10)).call()
                    .exitCode() == 0) {
                return;
            }
            sleep(500);
        }
        close();
        fail("dockerd did not answer `docker info` within " + START_TIMEOUT + ":\n" + log());
    }

    @Override
    public void close() {
        ProcessHandle daemon = pidFromFile().flatMap(ProcessHandle::of).orElse(process.toHandle());
        List<ProcessHandle> children = daemon.descendants().toList();
        stop(daemon);
        for (ProcessHandle child : children) {
            stop(child);
        }
        unmountUnder(dir);
        Exec.of("rm", "-rf", dir.toString()).run();
    }

    private Optional<Long> pidFromFile() {
        try {
            return Optional.of(Long.parseLong(Files.readString(dir.resolve("dockerd.pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited in time. */
    private static void stop(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    /** Whatever dockerd left mounted under its directories (network namespaces, container roots). */
    private static void unmountUnder(Path dir) {
        try {
            List<String> mounts = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String mountPoint = line.split(" ")[4];
                if (mountPoint.startsWith(dir.toString())) {
                    mounts.add(mountPoint);
                }
            }
            mounts.sort(Comparator.comparing(String::length).reversed());
            for (String mount : mounts) {
                Exec.of("umount", "-l", mount).call();
            }
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
