package io.berth.server.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * skopeo against a Berth on plain HTTP: copies that keep digests (no recompression, no manifest conversion) and
 * raw manifest reads. Image references are skopeo transports: {@code oci:DIR:TAG}, {@code dir:DIR},
 * {@code docker://HOST:PORT/REPO:TAG}, {@code oci-archive:FILE:NAME}, {@code docker-archive:FILE:NAME}.
 */
public final class Skopeo {
    private final String hostPort;

    public Skopeo(String hostPort) {
        Exec.requireProgram("skopeo", "skopeo");
        this.hostPort = hostPort;
    }

    /** {@code docker://127.0.0.1:PORT/<repositoryAndReference>} */
    public String docker(String repositoryAndReference) {
        return "docker://" + hostPort + "/" + repositoryAndReference;
    }

    /** Copies one image, or with {@code all} an index and every image in it, preserving digests. */
    public Exec.Result copy(String source, String destination, boolean all) {
        List<String> command = new ArrayList<>(List.of("skopeo", "copy", "--preserve-digests",
                "--src-tls-verify=false", "--dest-tls-verify=false"));
        if (all) {
            command.add("--all");
        }
        command.add(source);
        command.add(destination);
        return Exec.of(command).run();
    }

    /**
     * Copies one image where the destination needs a conversion (a {@code docker-archive:} takes only Docker
     * schema 2), so digests are not preserved.
     */
    public Exec.Result export(String source, String destination) {
        return Exec.of("skopeo", "copy", "--src-tls-verify=false", source, destination).run();
    }

    /** The manifest exactly as the registry serves it. */
    public byte[] inspectRaw(String reference) {
        return Exec.of("skopeo", "inspect", "--raw", "--tls-verify=false", reference).run().stdout()
                .getBytes(StandardCharsets.UTF_8);
    }
}
