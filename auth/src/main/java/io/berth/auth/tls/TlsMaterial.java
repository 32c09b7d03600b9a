package io.berth.auth.tls;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the HTTPS listener needs, as absolute PEM file paths: the certificate chain (server first) and its PKCS#8
 * or PKCS#1/SEC 1 private key, for Vert.x's {@code PemKeyCertOptions.setCertPath}/{@code setKeyPath}. When Berth
 * generated the material it also names the local CA's certificate, which clients must trust, and that
 * certificate's SHA-256 fingerprint ({@code AB:CD:...}, as {@code openssl x509 -fingerprint -sha256} prints it).
 * Operator-supplied material has no CA file: its issuer is whatever CA the operator used.
 */
public record TlsMaterial(Optional<Path> caCertificate, Path certificateChain, Path privateKey,
                          Optional<String> caFingerprintSha256) {
    public TlsMaterial {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        if (caCertificate.isPresent() != caFingerprintSha256.isPresent()) {
            throw new IllegalArgumentException("a CA certificate and its fingerprint come together");
        }
        caCertificate = caCertificate.map(path -> path.toAbsolutePath().normalize());
        certificateChain = certificateChain.toAbsolutePath().normalize();
        privateKey = privateKey.toAbsolutePath().normalize();
    }

    /** True when Berth made this material with its own CA (and clients need {@link #caCertificate()}). */
    public boolean generated() {
        return caCertificate.isPresent();
    }

    /**
     * How to make docker, podman, containerd, the system store and the AWS CLI trust this server at
     * {@code hostPort} (as clients write it, e.g. {@code registry.lan:5000}).
     */
    public String trustInstructions(String hostPort) {
        return TrustInstructions.render(this, hostPort);
    }
}
