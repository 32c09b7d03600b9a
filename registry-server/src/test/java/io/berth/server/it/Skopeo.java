package io.berth.server.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * skopeo against a Berth on plain HTTP: copies that keep digests (no recompression, no manifest conversion) and
 * raw manifest reads. Image references are skopeo transports: {@code oci:DIR:TAG}, {@code dir:DIR},
 * {@code docker://HOST:PORT/REPO:TAG}, {@code oci-archive:FILE:NAME}, {@code docker-archive:FILE:NAME}.
 *
 * <p>Every command uses one auth file of the test's own ({@code --authfile}), filled by {@link #login} as users do
 * ({@code skopeo login -u AWS --password-stdin}); the fallbacks containers/image reads besides it (the user's
 * containers and Docker configs) point into an empty directory, so a skopeo that has not logged in has nothing.
 */
public final class Skopeo {
    private final String hostPort;
    private final Path authFile;

    /** @param authFile this skopeo's credentials; it need not exist before {@link #login} */
    public Skopeo(String hostPort, Path authFile) {
        Exec.requireProgram("skopeo", "skopeo");
        this.hostPort = hostPort;
        this.authFile = authFile;
    }

    public Path authFile() {
        return authFile;
    }

    /**
     * {@code skopeo login --tls-verify=false -u USER --password-stdin HOST:PORT}, the password piped in as from
     * {@code aws ecr get-login-password}; the result whatever the exit code, since a wrong password must fail.
     */
    public Exec.Result login(String user, String password) {
        return command("login", "--tls-verify=false", "-u", user, "--password-stdin", hostPort)
                .stdin(password + "\n").redact(password).call();
    }

    /** {@code skopeo login} as the user AWS; fails the test unless skopeo says it succeeded. */
    public void login(String password) {
        Exec.Result result = login(BerthFixture.USER, password);
        if (result.exitCode() != 0 || !result.output().contains("Login Succeeded")) {
            fail("skopeo login failed\n" + result.describe());
        }
    }

    public Exec.Result logout() {
        return command("logout", hostPort).call();
    }

    /** {@code docker://127.0.0.1:PORT/<repositoryAndReference>} */
    public String docker(String repositoryAndReference) {
        return "docker://" + hostPort + "/" + repositoryAndReference;
    }

    /** {@code skopeo SUBCOMMAND --authfile FILE ARGS...} with the user's other credential files out of reach. */
    public Exec.Builder command(String subcommand, String... args) {
        List<String> command = new ArrayList<>(List.of("skopeo", subcommand, "--authfile", authFile.toString()));
        command.addAll(List.of(args));
        Path elsewhere = authFile.resolveSibling(authFile.getFileName() + ".no-other-config");
        return Exec.of(command)
                .env("XDG_CONFIG_HOME", elsewhere.resolve("config").toString())
                .env("DOCKER_CONFIG", elsewhere.resolve("docker").toString());
    }

    /** Copies one image, or with {@code all} an index and every image in it, preserving digests. */
    public Exec.Result copy(String source, String destination, boolean all) {
        return copyCommand(source, destination, all).run();
    }

    /** The copy of {@link #copy}, to run or {@code call} (when it is expected to fail). */
    public Exec.Builder copyCommand(String source, String destination, boolean all) {
        List<String> args = new ArrayList<>(List.of("--preserve-digests",
                "--src-tls-verify=false", "--dest-tls-verify=false"));
        if (all) {
            args.add("--all");
        }
        args.add(source);
        args.add(destination);
        return command("copy", args.toArray(String[]::new));
    }

    /**
     * Copies one image where the destination needs a conversion (a {@code docker-archive:} takes only Docker
     * schema 2), so digests are not preserved.
     */
    public Exec.Result export(String source, String destination) {
        return command("copy", "--src-tls-verify=false", source, destination).run();
    }

    /** The manifest exactly as the registry serves it. */
    public byte[] inspectRaw(String reference) {
        return command("inspect", "--raw", "--tls-verify=false", reference).run().stdout()
                .getBytes(StandardCharsets.UTF_8);
    }
}
