package io.berth.auth.tls;

/**
 * The text that tells an operator how to make clients trust Berth's CA: Docker, Podman and the other
 * containers/image tools, containerd, the operating system's store, and the AWS CLI (which keeps its own bundle).
 */
final class TrustInstructions {
    private static final String DEFAULT_HTTPS_PORT_SUFFIX = ":443";

    /** %1$s is the CA certificate's path, %2$s its fingerprint. */
    private static final String GENERATED = """
            Berth serves HTTPS with a certificate from its own CA. Clients must trust that CA:
              CA certificate: %1$s
              SHA-256 fingerprint: %2$s
              (compare with: openssl x509 -in ca.crt -noout -fingerprint -sha256)
            Copy the CA certificate to each client machine; the commands below use its path here.
            """;

    /** %1$s is the operator's certificate chain, %2$s the placeholder used for their CA's certificate. */
    private static final String SUPPLIED = """
            Berth serves HTTPS with the certificate you supplied (%1$s).
            Clients that already trust its CA need nothing more; for a private CA, do the following
            with that CA's certificate in place of %2$s.
            """;

    /** %1$s is HOST:PORT, %2$s the CA certificate's path. */
    private static final String STEPS = """

            Docker (on each client machine; no daemon restart needed):
              sudo mkdir -p /etc/docker/certs.d/%1$s
              sudo cp %2$s /etc/docker/certs.d/%1$s/ca.crt

            Podman, Buildah, Skopeo, CRI-O:
              sudo mkdir -p /etc/containers/certs.d/%1$s
              sudo cp %2$s /etc/containers/certs.d/%1$s/ca.crt
              (rootless podman also reads ~/.config/containers/certs.d/%1$s/ca.crt)

            containerd (nerdctl, Kubernetes nodes; needs config_path = "/etc/containerd/certs.d"):
              sudo mkdir -p /etc/containerd/certs.d/%1$s
              sudo cp %2$s /etc/containerd/certs.d/%1$s/ca.crt
              /etc/containerd/certs.d/%1$s/hosts.toml:
                server = "https://%1$s"
                [host."https://%1$s"]
                  ca = "/etc/containerd/certs.d/%1$s/ca.crt"

            System trust store (curl, Go and most other programs):
              Debian/Ubuntu: sudo cp %2$s /usr/local/share/ca-certificates/berth.crt && sudo update-ca-certificates
              Fedora/RHEL:   sudo cp %2$s /etc/pki/ca-trust/source/anchors/berth.crt && sudo update-ca-trust

            AWS CLI (it uses its own CA bundle, not the system store):
              aws ecr describe-repositories --endpoint-url https://%1$s --ca-bundle %2$s
              or: export AWS_CA_BUNDLE=%2$s  (or ca_bundle = ... in ~/.aws/config)
            """;

    /** %1$s is the host without its port. */
    private static final String DEFAULT_PORT_NOTE = """

            Clients that leave the default port 443 out of image names look for the directory without it: %1$s
            """;

    private TrustInstructions() {
    }

    static String render(TlsMaterial material, String hostPort) {
        if (hostPort == null || hostPort.isBlank()) {
            throw new IllegalArgumentException("hostPort must name the registry as clients address it");
        }
        String ca = material.caCertificate().map(Object::toString).orElse("/path/to/your-ca.crt");
        String text = material.generated()
                ? GENERATED.formatted(ca, material.caFingerprintSha256().orElseThrow())
                : SUPPLIED.formatted(material.certificateChain(), ca);
        text += STEPS.formatted(hostPort, ca);
        if (hostPort.endsWith(DEFAULT_HTTPS_PORT_SUFFIX)) {
            String host = hostPort.substring(0, hostPort.length() - DEFAULT_HTTPS_PORT_SUFFIX.length());
            text += DEFAULT_PORT_NOTE.formatted(host);
        }
        return text;
    }
}
