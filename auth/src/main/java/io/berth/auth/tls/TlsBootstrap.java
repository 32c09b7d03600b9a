package io.berth.auth.tls;

import io.berth.auth.tls.CertificateAuthority.ServerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Berth's own TLS material in one directory (normally {@code DATA_DIR/tls}):
 * <pre>
 *   ca.crt      the local CA certificate, which clients trust          0644
 *   ca.key      its private key, PKCS#8                                 0600
 *   server.crt  the server certificate, then the CA certificate        0644
 *   server.key  the server's private key, PKCS#8                       0600
 * </pre>
 * The first call creates them all. Later calls reuse them untouched, except that a server certificate which lacks
 * a requested name, expires within {@link #RENEW_BEFORE}, or was not issued by the CA is replaced with a new one
 * from the same CA, so clients that trust the CA keep working. {@code ca.crt} is written last: without it no
 * client can trust the CA yet, so a start interrupted before it simply begins again. A {@code ca.crt} whose key
 * is missing or does not match is an error, never silently replaced, because clients may trust it.
 *
 * <p>Blocking (files and key generation): call it before the server starts listening, off the event loop.
 */
public final class TlsBootstrap {
    public static final String CA_CERTIFICATE = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String SERVER_CERTIFICATE = "server.crt";
    public static final String SERVER_KEY = "server.key";
    /** Renew this long before expiry: a month of restarts in which the new certificate can take over. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** Warn this long before the CA itself expires, as replacing it means every client must trust a new one. */
    static final Duration CA_EXPIRY_WARNING = Duration.ofDays(180);
    private static final List<String> FILES = List.of(CA_CERTIFICATE, CA_KEY, SERVER_CERTIFICATE, SERVER_KEY);
    private static final Logger LOG = LoggerFactory.getLogger(TlsBootstrap.class);

    private final Path directory;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TlsBootstrap(Path directory) {
        this(directory, Clock.systemUTC());
    }

    public TlsBootstrap(Path directory, Clock clock) {
        this.directory = directory.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /**
     * Checks an operator-supplied certificate chain (server first, then its issuers) and private key (RSA or EC;
     * PKCS#8, PKCS#1 or SEC 1; unencrypted): both parse, the key belongs to the first certificate, each certificate
     * was issued by the next, and the first has not expired, carries a subjectAltName and allows serverAuth. Every
     * problem found is reported in one {@link TlsConfigurationException}. The files are used where they are.
     */
    public static TlsMaterial loadUserMaterial(Path certificateChain, Path privateKey) {
        return loadUserMaterial(certificateChain, privateKey, Clock.systemUTC());
    }

    public static TlsMaterial loadUserMaterial(Path certificateChain, Path privateKey, Clock clock) {
        return UserMaterial.load(certificateChain, privateKey, clock.instant());
    }

    /**
     * Creates, reuses or renews the local CA and server certificate so that the server certificate names all of
     * {@code names} ({@link ServerNames#localDefaults} gives the usual set) and is valid for at least
     * {@link #RENEW_BEFORE}. Returns the same paths every time; the files change only when something was renewed.
     */
    public synchronized TlsMaterial ensureLocalMaterial(ServerNames names) {
        try {
            SecureFiles.prepareDirectory(directory, FILES);
            Instant now = clock.instant();
            CertificateAuthority ca = loadOrCreateAuthority(now);
            Optional<String> reason = reasonToIssue(ca, names, now);
            if (reason.isPresent()) {
                LOG.info("issuing a new tls server certificate for {}: {}", names.all(), reason.get());
                ServerCredentials issued = ca.issueServerCertificate(names, now, random);
                write(SERVER_KEY, Pem.encodePrivateKey(issued.privateKey()), SecureFiles.Access.OWNER_ONLY);
                write(SERVER_CERTIFICATE, Pem.encodeCertificates(issued.chain()), SecureFiles.Access.WORLD_READABLE);
            }
            warnIfReadableByOthers(CA_KEY);
            warnIfReadableByOthers(SERVER_KEY);
            return new TlsMaterial(Optional.of(file(CA_CERTIFICATE)), file(SERVER_CERTIFICATE), file(SERVER_KEY),
                    Optional.of(ca.fingerprintSha256()));
        } catch (IOException e) {
            throw new TlsConfigurationException("cannot prepare TLS files in " + directory + ": " + e.getMessage(), e);
        }
    }

    private CertificateAuthority loadOrCreateAuthority(Instant now) throws IOException {
        if (!Files.exists(file(CA_CERTIFICATE))) {
            return createAuthority(now);
        }
        CertificateAuthority ca = loadAuthority();
        Instant expiry = ca.certificate().getNotAfter().toInstant();
        if (expiry.isBefore(now.plus(RENEW_BEFORE))) {
            LOG.warn("the local ca in {} expires on {}; creating a new one, which clients must trust again",
                    directory, expiry);
            return createAuthority(now);
        }
        if (expiry.isBefore(now.plus(CA_EXPIRY_WARNING))) {
            LOG.warn("the local ca in {} expires on {}; a new one will replace it {} days before then, and "
                    + "clients will have to trust that one", directory, expiry, RENEW_BEFORE.toDays());
        }
        return ca;
    }

    private CertificateAuthority loadAuthority() {
        String remedy = "; restore " + CA_CERTIFICATE + " and " + CA_KEY + " from a backup, or delete " + CA_CERTIFICATE
                + " to create a new CA (clients must then trust the new one)";
        if (!Files.exists(file(CA_KEY))) {
            throw new TlsConfigurationException(file(CA_CERTIFICATE) + " exists but " + file(CA_KEY)
                    + " does not" + remedy);
        }
        try {
            X509Certificate certificate = Pem.readCertificates(file(CA_CERTIFICATE)).get(0);
            return new CertificateAuthority(certificate, Pem.readPrivateKey(file(CA_KEY)));
        } catch (TlsConfigurationException e) {
            throw new TlsConfigurationException("cannot use the local CA in " + directory + ": " + e.getMessage()
                    + remedy, e);
        }
    }

    private CertificateAuthority createAuthority(Instant now) throws IOException {
        CertificateAuthority ca = CertificateAuthority.create(now, random);
        write(CA_KEY, Pem.encodePrivateKey(ca.privateKey()), SecureFiles.Access.OWNER_ONLY);
        write(CA_CERTIFICATE, Pem.encodeCertificates(List.of(ca.certificate())), SecureFiles.Access.WORLD_READABLE);
        LOG.info("created a local ca in {} (sha-256 fingerprint {})", directory, ca.fingerprintSha256());
        return ca;
    }

    /** Why the server certificate on disk cannot be kept, or empty when it can. */
    private Optional<String> reasonToIssue(CertificateAuthority ca, ServerNames names, Instant now) {
        if (!Files.exists(file(SERVER_CERTIFICATE)) || !Files.exists(file(SERVER_KEY))) {
            return Optional.of("there is none yet");
        }
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = Pem.readCertificates(file(SERVER_CERTIFICATE));
            key = Pem.readPrivateKey(file(SERVER_KEY));
        } catch (TlsConfigurationException e) {
            return Optional.of("the existing one is unreadable (" + e.getMessage() + ")");
        }
        X509Certificate leaf = chain.get(0);
        if (chain.size() != 2 || !ca.signed(leaf) || !chain.get(1).equals(ca.certificate())) {
            return Optional.of("the existing one was not issued by the current ca");
        }
        if (!Keys.matches(key, leaf.getPublicKey())) {
            return Optional.of(SERVER_KEY + " does not belong to " + SERVER_CERTIFICATE);
        }
        List<String> missing = names.missingFrom(leaf);
        if (!missing.isEmpty()) {
            return Optional.of("the existing one does not name " + String.join(", ", missing));
        }
        if (leaf.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE))) {
            return Optional.of("the existing one expires on " + leaf.getNotAfter().toInstant());
        }
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
            return Optional.of("the existing one is not valid until " + leaf.getNotBefore().toInstant());
        }
        return Optional.empty();
    }

    private void write(String name, byte[] content, SecureFiles.Access access) throws IOException {
        SecureFiles.writeAtomically(file(name), content, access);
    }

    private void warnIfReadableByOthers(String name) throws IOException {
        if (SecureFiles.readableByOthers(file(name))) {
            LOG.warn("{} is readable by other users; restrict it with: chmod 600 {}", file(name), file(name));
        }
    }

    private Path file(String name) {
        return directory.resolve(name);
    }
}
