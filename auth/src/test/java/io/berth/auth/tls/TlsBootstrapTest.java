package io.berth.auth.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsBootstrapTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final ServerNames NAMES = ServerNames.of(List.of("localhost", "127.0.0.1", "::1", "registry.lan"));
    private static final List<String> FILES = List.of("ca.crt", "ca.key", "server.crt", "server.key");
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @TempDir
    Path data;

    private Path tls() {
        return data.resolve("tls");
    }

    private TlsBootstrap bootstrap(Instant now) {
        return new TlsBootstrap(tls(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private Map<String, byte[]> contents() throws Exception {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (String name : FILES) {
            contents.put(name, Files.readAllBytes(tls().resolve(name)));
        }
        return contents;
    }

    @Test
    void firstStartWritesFourPemFilesTheJdkParses() throws Exception {
        TlsMaterial material = bootstrap(NOW).ensureLocalMaterial(NAMES);

        assertEquals(Set.copyOf(FILES), Set.copyOf(listNames(tls())), "nothing but the four files, no temporaries");
        assertEquals(tls().resolve("ca.crt"), material.caCertificate().orElseThrow());
        assertEquals(tls().resolve("server.crt"), material.certificateChain());
        assertEquals(tls().resolve("server.key"), material.privateKey());
        assertTrue(material.generated());

        X509Certificate ca = JdkPem.certificate(tls().resolve("ca.crt"));
        List<X509Certificate> chain = JdkPem.certificates(tls().resolve("server.crt"));
        assertEquals(2, chain.size(), "server.crt holds the server certificate then the CA's");
        assertEquals(ca, chain.get(1));
        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(ca.getEncoded()));
        assertEquals(fingerprint, material.caFingerprintSha256().orElseThrow());
        assertTrue(Files.readString(tls().resolve("server.key")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(Files.readString(tls().resolve("ca.key")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(JdkPem.pkcs8Key(tls().resolve("ca.key"), "EC") != null);
    }

    @Test
    void caIsATenYearP256CaLimitedToSigningServerCertificates() throws Exception {
        bootstrap(NOW).ensureLocalMaterial(NAMES);
        X509Certificate ca = JdkPem.certificate(tls().resolve("ca.crt"));

        assertTrue(ca.getSubjectX500Principal().getName().startsWith("CN=Berth local CA,"));
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        ca.verify(ca.getPublicKey());
        assertEquals(0, ca.getBasicConstraints(), "CA:true, pathlen 0");
        boolean[] usage = ca.getKeyUsage();
        assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
        assertFalse(usage[0], "no digitalSignature");
        assertTrue(ca.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")));
        assertTrue(ca.getExtensionValue("2.5.29.14") != null, "subject key identifier");
        assertEquals(256, ((ECPublicKey) ca.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertFalse(ca.getNotBefore().toInstant().isAfter(NOW));
        assertEquals(ca.getNotBefore().toInstant().atOffset(ZoneOffset.UTC).plusYears(10).toInstant(),
                ca.getNotAfter().toInstant());
    }

    @Test
    void serverCertificateChainsToTheCaWithEveryNameServerAuthAndA825DayLife() throws Exception {
        bootstrap(NOW).ensureLocalMaterial(NAMES);
        X509Certificate ca = JdkPem.certificate(tls().resolve("ca.crt"));
        X509Certificate server = JdkPem.certificate(tls().resolve("server.crt"));

        server.verify(ca.getPublicKey());
        assertEquals(ca.getSubjectX500Principal(), server.getIssuerX500Principal());
        assertEquals(-1, server.getBasicConstraints(), "not a CA");
        assertTrue(server.getKeyUsage()[0], "digitalSignature");
        assertEquals(List.of(SERVER_AUTH), server.getExtendedKeyUsage());
        assertEquals(Set.of(List.of(2, "localhost"), List.of(2, "registry.lan"), List.of(7, "127.0.0.1"),
                List.of(7, "0:0:0:0:0:0:0:1")), new HashSet<>(server.getSubjectAlternativeNames()));
        server.checkValidity(Date.from(NOW));
        assertEquals(Duration.ofDays(825),
                Duration.between(server.getNotBefore().toInstant(), server.getNotAfter().toInstant()));

        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(server)), parameters);

        PrivateKey key = JdkPem.pkcs8Key(tls().resolve("server.key"), "EC");
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(server.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signer.sign()), "server.key belongs to server.crt");
    }

    @Test
    void keyFilesAreReadableByTheirOwnerOnly() throws Exception {
        assumeTrue(data.getFileSystem().supportedFileAttributeViews().contains("posix"));
        bootstrap(NOW).ensureLocalMaterial(NAMES);

        assertEquals("rw-------", mode(tls().resolve("ca.key")));
        assertEquals("rw-------", mode(tls().resolve("server.key")));
        assertEquals("rwx------", mode(tls()));
        assertTrue(mode(tls().resolve("ca.crt")).startsWith("rw-"));
    }

    @Test
    void laterStartsReuseTheFilesUnchanged() throws Exception {
        TlsMaterial first = bootstrap(NOW).ensureLocalMaterial(NAMES);
        Map<String, byte[]> before = contents();
        Map<String, FileTime> modified = new LinkedHashMap<>();
        for (String name : FILES) {
            modified.put(name, Files.getLastModifiedTime(tls().resolve(name)));
        }

        TlsMaterial second = bootstrap(NOW.plus(Duration.ofDays(400))).ensureLocalMaterial(NAMES);

        assertEquals(first, second);
        Map<String, byte[]> after = contents();
        for (String name : FILES) {
            assertArrayEquals(before.get(name), after.get(name), name);
            assertEquals(modified.get(name), Files.getLastModifiedTime(tls().resolve(name)), name);
        }
    }

    @Test
    void askingForFewerNamesKeepsTheExistingCertificate() throws Exception {
        bootstrap(NOW).ensureLocalMaterial(NAMES);
        Map<String, byte[]> before = contents();

        bootstrap(NOW).ensureLocalMaterial(ServerNames.of(List.of("registry.lan", "127.0.0.1")));

        assertArrayEquals(before.get("server.crt"), contents().get("server.crt"));
    }

    @Test
    void aNewNameReissuesTheServerCertificateFromTheSameCa() throws Exception {
        TlsMaterial first = bootstrap(NOW).ensureLocalMaterial(NAMES);
        Map<String, byte[]> before = contents();
        List<String> more = new ArrayList<>(NAMES.all());
        more.addAll(List.of("registry.example.com", "10.0.0.7"));

        TlsMaterial second = bootstrap(NOW.plus(Duration.ofDays(1))).ensureLocalMaterial(ServerNames.of(more));

        Map<String, byte[]> after = contents();
        assertArrayEquals(before.get("ca.crt"), after.get("ca.crt"));
        assertArrayEquals(before.get("ca.key"), after.get("ca.key"));
        assertFalse(MessageDigest.isEqual(before.get("server.crt"), after.get("server.crt")));
        assertFalse(MessageDigest.isEqual(before.get("server.key"), after.get("server.key")));
        assertEquals(first.caFingerprintSha256(), second.caFingerprintSha256());
        X509Certificate server = JdkPem.certificate(tls().resolve("server.crt"));
        server.verify(JdkPem.certificate(tls().resolve("ca.crt")).getPublicKey());
        assertTrue(server.getSubjectAlternativeNames().containsAll(List.of(List.of(2, "registry.example.com"),
                List.of(7, "10.0.0.7"), List.of(2, "localhost"))));
    }

    @Test
    void aServerCertificateWithin30DaysOfExpiryIsRenewedFromTheSameCa() throws Exception {
        bootstrap(NOW).ensureLocalMaterial(NAMES);
        Map<String, byte[]> initial = contents();

        bootstrap(NOW.plus(Duration.ofDays(790))).ensureLocalMaterial(NAMES);
        assertArrayEquals(initial.get("server.crt"), contents().get("server.crt"), "34 days left: kept");

        Instant late = NOW.plus(Duration.ofDays(800));
        bootstrap(late).ensureLocalMaterial(NAMES);
        Map<String, byte[]> renewed = contents();
        assertArrayEquals(initial.get("ca.crt"), renewed.get("ca.crt"));
        assertFalse(MessageDigest.isEqual(initial.get("server.crt"), renewed.get("server.crt")));
        X509Certificate server = JdkPem.certificate(tls().resolve("server.crt"));
        server.checkValidity(Date.from(late.plus(Duration.ofDays(800))));
    }

    @Test
    void aServerCertificateNeverOutlivesItsCa() throws Exception {
        bootstrap(NOW).ensureLocalMaterial(NAMES);
        X509Certificate ca = JdkPem.certificate(tls().resolve("ca.crt"));
        Files.delete(tls().resolve("server.crt"));

        bootstrap(NOW.atOffset(ZoneOffset.UTC).plusYears(9).plusDays(100).toInstant()).ensureLocalMaterial(NAMES);

        assertEquals(ca.getNotAfter(), JdkPem.certificate(tls().resolve("server.crt")).getNotAfter());
        assertEquals(ca, JdkPem.certificate(tls().resolve("ca.crt")), "the CA is kept while it has months left");
    }

    @Test
    void aCaWithin30DaysOfItsEndIsReplaced() throws Exception {
        TlsMaterial first = bootstrap(NOW).ensureLocalMaterial(NAMES);
        Instant nearEnd = NOW.atOffset(ZoneOffset.UTC).plusYears(10).minusDays(10).toInstant();

        TlsMaterial second = bootstrap(nearEnd).ensureLocalMaterial(NAMES);

        assertNotEquals(first.caFingerprintSha256(), second.caFingerprintSha256());
        X509Certificate ca = JdkPem.certificate(tls().resolve("ca.crt"));
        ca.checkValidity(Date.from(nearEnd.plus(Duration.ofDays(3000))));
        JdkPem.certificate(tls().resolve("server.crt")).verify(ca.getPublicKey());
    }

    @Test
    void aLostServerKeyIsReplacedByANewCertificate() throws Exception {
        bootstrap(NOW).ensureLocalMaterial(NAMES);
        Map<String, byte[]> before = contents();
        Files.delete(tls().resolve("server.key"));

        bootstrap(NOW).ensureLocalMaterial(NAMES);

        assertArrayEquals(before.get("ca.crt"), contents().get("ca.crt"));
        assertFalse(MessageDigest.isEqual(before.get("server.crt"), contents().get("server.crt")));
    }

    @Test
    void aServerCertificateFromAnotherCaIsReplaced() throws Exception {
        bootstrap(NOW).ensureLocalMaterial(NAMES);
        Path other = data.resolve("other");
        new TlsBootstrap(other, Clock.fixed(NOW, ZoneOffset.UTC)).ensureLocalMaterial(NAMES);
        copyInto(other, "server.crt");
        copyInto(other, "server.key");

        bootstrap(NOW).ensureLocalMaterial(NAMES);

        assertServerCertificateSignedByTheCaOnDisk();
    }

    @Test
    void aCaCertificateWithoutItsKeyIsAnErrorAndLeftAlone() throws Exception {
        bootstrap(NOW).ensureLocalMaterial(NAMES);
        byte[] ca = Files.readAllBytes(tls().resolve("ca.crt"));
        Files.delete(tls().resolve("ca.key"));

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class,
                () -> bootstrap(NOW).ensureLocalMaterial(NAMES));

        assertTrue(e.getMessage().contains(tls().resolve("ca.key") + " does not"), e.getMessage());
        assertTrue(e.getMessage().contains("delete ca.crt to create a new CA"), e.getMessage());
        assertArrayEquals(ca, Files.readAllBytes(tls().resolve("ca.crt")));
    }

    @Test
    void aCaKeyThatDoesNotBelongToTheCaCertificateIsAnError() throws Exception {
        bootstrap(NOW).ensureLocalMaterial(NAMES);
        Path other = data.resolve("other");
        new TlsBootstrap(other, Clock.fixed(NOW, ZoneOffset.UTC)).ensureLocalMaterial(NAMES);
        copyInto(other, "ca.key");

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class,
                () -> bootstrap(NOW).ensureLocalMaterial(NAMES));

        assertTrue(e.getMessage().contains("CA private key does not belong to the CA certificate"), e.getMessage());
    }

    @Test
    void aCaKeyLeftWithoutItsCertificateStartsAfresh() throws Exception {
        TlsMaterial first = bootstrap(NOW).ensureLocalMaterial(NAMES);
        Files.delete(tls().resolve("ca.crt"));

        TlsMaterial second = bootstrap(NOW).ensureLocalMaterial(NAMES);

        assertNotEquals(first.caFingerprintSha256(), second.caFingerprintSha256());
        assertServerCertificateSignedByTheCaOnDisk();
    }

    @Test
    void temporariesOfAnInterruptedWriteAreRemoved() throws Exception {
        bootstrap(NOW).ensureLocalMaterial(NAMES);
        Path leftover = tls().resolve(".server.key.12345.tmp");
        Files.writeString(leftover, "half a key", StandardCharsets.US_ASCII);

        bootstrap(NOW).ensureLocalMaterial(NAMES);

        assertFalse(Files.exists(leftover));
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsReportedWithItsPath() throws Exception {
        Path blocker = data.resolve("tls");
        Files.writeString(blocker, "not a directory");

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class,
                () -> bootstrap(NOW).ensureLocalMaterial(NAMES));

        assertTrue(e.getMessage().contains("cannot prepare TLS files in " + blocker), e.getMessage());
    }

    private void copyInto(Path otherDirectory, String name) throws Exception {
        Files.copy(otherDirectory.resolve(name), tls().resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private void assertServerCertificateSignedByTheCaOnDisk() throws Exception {
        X509Certificate ca = JdkPem.certificate(tls().resolve("ca.crt"));
        JdkPem.certificate(tls().resolve("server.crt")).verify(ca.getPublicKey());
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static List<String> listNames(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
