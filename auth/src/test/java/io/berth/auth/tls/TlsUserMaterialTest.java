package io.berth.auth.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsUserMaterialTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ServerNames NAMES = ServerNames.of(List.of("registry.example.com"));
    /** What {@code openssl ecparam -name prime256v1 -genkey} writes before the key: the curve's OID. */
    private static final String EC_PARAMETERS_P256 =
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
    /** RSA key generation takes a second or more; one pair serves every test. */
    private static KeyPair rsa;

    @TempDir
    Path dir;
    private Path a;
    private Path b;

    @BeforeAll
    static void rsaKeyPair() throws Exception {
        rsa = TestCertificates.rsaKeyPair();
    }

    @BeforeEach
    void twoGeneratedPairs() {
        a = dir.resolve("a");
        b = dir.resolve("b");
        new TlsBootstrap(a, CLOCK).ensureLocalMaterial(NAMES);
        new TlsBootstrap(b, CLOCK).ensureLocalMaterial(NAMES);
    }

    private static TlsConfigurationException rejected(Path certificate, Path key) {
        return assertThrows(TlsConfigurationException.class,
                () -> TlsBootstrap.loadUserMaterial(certificate, key, CLOCK));
    }

    @Test
    void aMatchingChainAndKeyAreAcceptedAsTheyAre() {
        TlsMaterial material = TlsBootstrap.loadUserMaterial(a.resolve("server.crt"), a.resolve("server.key"), CLOCK);

        assertEquals(a.resolve("server.crt"), material.certificateChain());
        assertEquals(a.resolve("server.key"), material.privateKey());
        assertEquals(Optional.empty(), material.caCertificate());
        assertEquals(Optional.empty(), material.caFingerprintSha256());
        assertFalse(material.generated());
    }

    @Test
    void relativePathsComeBackAbsolute() throws Exception {
        Path relative = Path.of("").toAbsolutePath().relativize(a.resolve("server.crt"));
        TlsMaterial material = TlsBootstrap.loadUserMaterial(relative, a.resolve("server.key"), CLOCK);

        assertTrue(material.certificateChain().isAbsolute());
        assertTrue(Files.isSameFile(a.resolve("server.crt"), material.certificateChain()));
    }

    @Test
    void aKeyFromAnotherPairIsRejected() {
        TlsConfigurationException e = rejected(a.resolve("server.crt"), b.resolve("server.key"));

        assertTrue(e.getMessage().contains("the private key in " + b.resolve("server.key")
                + " does not match the certificate in " + a.resolve("server.crt")), e.getMessage());
    }

    @Test
    void aKeyOfAnotherAlgorithmIsRejectedSayingSo() throws Exception {
        Path key = TestCertificates.writeTraditional(dir.resolve("rsa.key"), rsa.getPrivate());

        TlsConfigurationException e = rejected(a.resolve("server.crt"), key);

        assertTrue(e.getMessage().contains("the certificate holds an EC key, the file an RSA key"), e.getMessage());
    }

    @Test
    void aKeyForTheCaInsteadOfTheServerPointsAtTheOrder() {
        TlsConfigurationException e = rejected(a.resolve("server.crt"), a.resolve("ca.key"));

        assertTrue(e.getMessage().contains("belongs to certificate 2 of " + a.resolve("server.crt")), e.getMessage());
        assertTrue(e.getMessage().contains("put the server certificate first"), e.getMessage());
    }

    @Test
    void aChainWhoseSecondCertificateDidNotIssueTheFirstIsRejected() throws Exception {
        Path chain = dir.resolve("mixed.crt");
        String server = Files.readString(a.resolve("server.crt"));
        String leaf = server.substring(0, server.indexOf("-----END CERTIFICATE-----\n") + 26);
        Files.writeString(chain, leaf + Files.readString(b.resolve("ca.crt")));

        TlsConfigurationException e = rejected(chain, a.resolve("server.key"));

        assertTrue(e.getMessage().contains("certificate 2 (") && e.getMessage().contains("did not issue certificate 1"),
                e.getMessage());
    }

    @Test
    void missingFilesAreBothReportedAtOnce() {
        TlsConfigurationException e = rejected(dir.resolve("nope.crt"), dir.resolve("nope.key"));

        assertTrue(e.getMessage().contains("certificate file " + dir.resolve("nope.crt") + " does not exist"),
                e.getMessage());
        assertTrue(e.getMessage().contains("private key file " + dir.resolve("nope.key") + " does not exist"),
                e.getMessage());
    }

    @Test
    void filesSwappedOrWithoutPemAreExplained() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello\n");

        TlsConfigurationException swapped = rejected(a.resolve("server.key"), a.resolve("server.crt"));
        TlsConfigurationException garbage = rejected(text, a.resolve("server.key"));

        assertTrue(swapped.getMessage().contains("holds no -----BEGIN CERTIFICATE----- block (it holds a private key)"),
                swapped.getMessage());
        assertTrue(swapped.getMessage().contains("must hold exactly one private key"), swapped.getMessage());
        assertTrue(garbage.getMessage().contains("certificate file " + text + " holds no"), garbage.getMessage());
    }

    @Test
    void brokenBase64IsReportedAsInvalidPem() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.crt"),
                "-----BEGIN CERTIFICATE-----\nnot*base64!\n-----END CERTIFICATE-----\n");

        TlsConfigurationException e = rejected(broken, a.resolve("server.key"));

        assertTrue(e.getMessage().contains(broken + " is not valid PEM"), e.getMessage());
    }

    @Test
    void anExpiredCertificateIsRejected() {
        Clock later = Clock.fixed(NOW.plus(Duration.ofDays(900)), ZoneOffset.UTC);

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class,
                () -> TlsBootstrap.loadUserMaterial(a.resolve("server.crt"), a.resolve("server.key"), later));

        assertTrue(e.getMessage().contains("the server certificate expired on"), e.getMessage());
    }

    @Test
    void anRsaCertificateWithAPkcs1KeyIsAccepted() throws Exception {
        Path certificate = TestCertificates.writeTraditional(dir.resolve("rsa.crt"),
                TestCertificates.selfSigned(rsa, true, NOW));
        Path key = TestCertificates.writeTraditional(dir.resolve("rsa.key"), rsa.getPrivate());
        assertTrue(Files.readString(key).startsWith("-----BEGIN RSA PRIVATE KEY-----"));

        TlsMaterial material = TlsBootstrap.loadUserMaterial(certificate, key, CLOCK);

        assertEquals(key, material.privateKey());
    }

    @Test
    void anOpensslEcKeyWithItsParametersBlockIsAccepted() throws Exception {
        PrivateKey pkcs8 = JdkPem.pkcs8Key(a.resolve("server.key"), "EC");
        Path key = TestCertificates.writeOpensslEcKey(dir.resolve("sec1.key"), pkcs8);
        assertTrue(Files.readString(key).startsWith(EC_PARAMETERS_P256 + "-----BEGIN EC PRIVATE KEY-----\n"));

        TlsMaterial material = TlsBootstrap.loadUserMaterial(a.resolve("server.crt"), key, CLOCK);

        assertEquals(key, material.privateKey());
    }

    @Test
    void aCertificateWithoutSubjectAltNameIsRejectedForGoClients() throws Exception {
        Path certificate = TestCertificates.writeTraditional(dir.resolve("cn-only.crt"),
                TestCertificates.selfSigned(rsa, false, NOW));
        Path key = TestCertificates.writeTraditional(dir.resolve("cn-only.key"), rsa.getPrivate());

        TlsConfigurationException e = rejected(certificate, key);

        assertTrue(e.getMessage().contains("has no subjectAltName"), e.getMessage());
    }

    @Test
    void anEncryptedKeyIsRejectedWithTheCommandToDecryptIt() throws Exception {
        Path certificate = TestCertificates.writeTraditional(dir.resolve("rsa.crt"),
                TestCertificates.selfSigned(rsa, true, NOW));
        Path key = TestCertificates.writeEncrypted(dir.resolve("encrypted.key"), rsa.getPrivate());

        TlsConfigurationException e = rejected(certificate, key);

        assertTrue(e.getMessage().contains("is encrypted") && e.getMessage().contains("openssl pkey -in " + key),
                e.getMessage());
    }

    @Test
    void theExceptionIsAnAuthException() {
        assertTrue(io.berth.auth.AuthException.class.isAssignableFrom(TlsConfigurationException.class));
    }
}
