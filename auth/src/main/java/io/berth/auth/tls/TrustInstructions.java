package io.berth.auth.tls;

/**
 * The text that tells an operator how to make clients trust Berth's CA: Docker, Podman and the other
 * containers/image tools, containerd, the operating system's store, and the AWS CLI (which keeps its own bundle).
 */
final class TrustInstructions {
    private static final String DEFAULT_HTTPS_PORT_SUFFIX = ":443";

    private TrustInstructions() {
    }

    static String render(TlsMaterial material, String hostPort) {
        if (hostPort == null || hostPort.isBlank()) {
            throw new IllegalArgumentException("hostPort must name the registry as clients address it");
        }
        String ca = material.caCertificate().map(Object::toString).orElse("/path/to/your-ca.crt");
        StringBuilder text = new StringBuilder();
        if (material.generated()) {
            text.append("Berth serves HTTPS with a certificate from its own CA. Clients must trust that CA:\n")
                    .append("  CA certificate: ").append(ca).append('\n')
                    .append("  SHA-256 fingerprint: ").append(material.caFingerprintSha256().orElseThrow()).append('\n')
                    .append("  (compare with: openssl x509 -in ca.crt -noout -fingerprint -sha256)\n");
        } else {
            text.append("Berth serves HTTPS with the certificate you supplied (").append(material.certificateChain())
                    .append("). Clients that already trust its CA need nothing more; for a private CA, do the\n")
                    .append("following with that CA's certificate in place of ").append(ca).append(".\n");
        }
        text.append("Copy the CA certificate to each client machine; the commands below use its path here.\n")
                .append('\n')
                .append("Docker (on each client machine; no daemon restart needed):\n")
                .append("  sudo mkdir -p /etc/docker/certs.d/").append(hostPort).append('\n')
                .append("  sudo cp ").append(ca).append(" /etc/docker/certs.d/").append(hostPort).append("/ca.crt\n")
                .append('\n')
                .append("Podman, Buildah, Skopeo, CRI-O:\n")
                .append("  sudo mkdir -p /etc/containers/certs.d/").append(hostPort).append('\n')
                .append("  sudo cp ").append(ca).append(" /etc/containers/certs.d/").append(hostPort).append("/ca.crt\n")
                .append("  (rootless podman also reads ~/.config/containers/certs.d/").append(hostPort).append("/ca.crt)\n")
                .append('\n')
                .append("containerd (nerdctl, Kubernetes nodes; needs config_path = \"/etc/containerd/certs.d\"):\n")
                .append("  sudo mkdir -p /etc/containerd/certs.d/").append(hostPort).append('\n')
                .append("  sudo cp ").append(ca).append(" /etc/containerd/certs.d/").append(hostPort).append("/ca.crt\n")
                .append("  /etc/containerd/certs.d/").append(hostPort).append("/hosts.toml:\n")
                .append("    server = \"https://").append(hostPort).append("\"\n")
                .append("    [host.\"https://").append(hostPort).append("\"]\n")
                .append("      ca = \"/etc/containerd/certs.d/").append(hostPort).append("/ca.crt\"\n")
                .append('\n')
                .append("System trust store (curl, Go and most other programs):\n")
                .append("  Debian/Ubuntu: sudo cp ").append(ca)
                .append(" /usr/local/share/ca-certificates/berth.crt && sudo update-ca-certificates\n")
                .append("  Fedora/RHEL:   sudo cp ").append(ca)
                .append(" /etc/pki/ca-trust/source/anchors/berth.crt && sudo update-ca-trust\n")
                .append('\n')
                .append("AWS CLI (it uses its own CA bundle, not the system store):\n")
                .append("  aws ecr describe-repositories --endpoint-url https://").append(hostPort)
                .append(" --ca-bundle ").append(ca).append('\n')
                .append("  or: export AWS_CA_BUNDLE=").append(ca).append("  (or ca_bundle = ... in ~/.aws/config)\n");
        if (hostPort.endsWith(DEFAULT_HTTPS_PORT_SUFFIX)) {
            text.append('\n').append("Clients that leave the default port 443 out of image names look for the "
                    + "directory without it: ").append(hostPort, 0, hostPort.length() - DEFAULT_HTTPS_PORT_SUFFIX.length()).append('\n');
        }
        return text.toString();
    }
}
