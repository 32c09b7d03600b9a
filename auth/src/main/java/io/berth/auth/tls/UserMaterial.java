package io.berth.auth.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks a certificate chain and key the operator supplies before the server starts with them, so a wrong file
 * stops start-up with a message that says what to fix instead of failing every client's handshake. All problems
 * found are reported at once.
 */
final class UserMaterial {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    /** Index of digitalSignature in {@link X509Certificate#getKeyUsage()}. */
    private static final int DIGITAL_SIGNATURE = 0;

    private UserMaterial() {
    }

    static TlsMaterial load(Path certificatePath, Path keyPath, Instant now) {
        List<String> problems = new ArrayList<>();
        Optional<List<X509Certificate>> chain = attempt(() -> Pem.readCertificates(certificatePath), problems);
        Optional<PrivateKey> key = attempt(() -> Pem.readPrivateKey(keyPath), problems);
        if (chain.isPresent() && key.isPresent()) {
            keyProblem(chain.get(), key.get(), certificatePath, keyPath).ifPresent(problems::add);
        }
        chain.ifPresent(certificates -> {
            problems.addAll(leafProblems(certificates.get(0), now));
            problems.addAll(orderProblems(certificates));
        });
        if (!problems.isEmpty()) {
            throw new TlsConfigurationException("TLS certificate " + certificatePath + " and key " + keyPath
                    + " cannot be used:\n  - " + String.join("\n  - ", problems));
        }
        return new TlsMaterial(Optional.empty(), certificatePath, keyPath, Optional.empty());
    }

    private static <T> Optional<T> attempt(Supplier<T> read, List<String> problems) {
        try {
            return Optional.of(read.get());
        } catch (TlsConfigurationException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<String> keyProblem(List<X509Certificate> chain, PrivateKey key, Path certificatePath,
                                               Path keyPath) {
        if (Keys.matches(key, chain.get(0).getPublicKey())) {
            return Optional.empty();
        }
        for (int i = 1; i < chain.size(); i++) {
            if (Keys.matches(key, chain.get(i).getPublicKey())) {
                return Optional.of("the private key in " + keyPath + " belongs to certificate " + (i + 1) + " of "
                        + certificatePath + " (" + chain.get(i).getSubjectX500Principal() + "), not the first: "
                        + "put the server certificate first, then its issuers");
            }
        }
        String certificateAlgorithm = chain.get(0).getPublicKey().getAlgorithm();
        String detail = certificateAlgorithm.equals(key.getAlgorithm()) ? ""
                : " (the certificate holds an " + certificateAlgorithm + " key, the file an " + key.getAlgorithm()
                        + " key)";
        return Optional.of("the private key in " + keyPath + " does not match the certificate in " + certificatePath
                + detail + ": the certificate's public key is not this key's");
    }

    private static List<String> leafProblems(X509Certificate leaf, Instant now) {
        List<String> problems = new ArrayList<>();
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            problems.add("the server certificate expired on " + leaf.getNotAfter().toInstant());
        }
        if (!hasSubjectAltName(leaf)) {
            problems.add("the server certificate has no subjectAltName; Docker, containerd, Podman and other Go "
                    + "clients ignore the Common Name and reject it");
        }
        List<String> extendedUsage = extendedKeyUsage(leaf);
        if (!extendedUsage.isEmpty() && !extendedUsage.contains(SERVER_AUTH)
                && !extendedUsage.contains(ANY_EXTENDED_KEY_USAGE)) {
            problems.add("the server certificate's extendedKeyUsage does not include serverAuth");
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && !usage[DIGITAL_SIGNATURE]) {
            problems.add("the server certificate's keyUsage lacks digitalSignature, which TLS 1.3 needs");
        }
        return problems;
    }

    /** Each certificate after the first must have issued the one before it. */
    private static List<String> orderProblems(List<X509Certificate> chain) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate issued = chain.get(i);
            X509Certificate issuer = chain.get(i + 1);
            if (!issuedBy(issued, issuer)) {
                problems.add("certificate " + (i + 2) + " (" + issuer.getSubjectX500Principal() + ") did not issue "
                        + "certificate " + (i + 1) + " (issuer " + issued.getIssuerX500Principal() + "); list the "
                        + "server certificate first, then each issuer in turn");
            }
        }
        return problems;
    }

    private static boolean issuedBy(X509Certificate issued, X509Certificate issuer) {
        if (!issued.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            issued.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean hasSubjectAltName(X509Certificate certificate) {
        try {
            var names = certificate.getSubjectAlternativeNames();
            return names != null && !names.isEmpty();
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static List<String> extendedKeyUsage(X509Certificate certificate) {
        try {
            List<String> usage = certificate.getExtendedKeyUsage();
            return usage == null ? List.of() : usage;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }
}
