package io.berth.auth.tls;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reads the generated PEM files with the JDK alone, as an independent client would (no Bouncy Castle, none of
 * the production readers), and builds the SSL contexts the handshake tests use.
 */
final class JdkPem {
    private static final String BEGIN_PKCS8 = "-----BEGIN PRIVATE KEY-----";
    private static final String END_PKCS8 = "-----END PRIVATE KEY-----";
    private static final char[] STORE_PASSWORD = "test".toCharArray();

    private JdkPem() {
    }

    static List<X509Certificate> certificates(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        }
    }

    static X509Certificate certificate(Path file) throws Exception {
        return certificates(file).get(0);
    }

    /** A PKCS#8 {@code PRIVATE KEY} block, the only form the server writes. */
    static PrivateKey pkcs8Key(Path file, String algorithm) throws Exception {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!text.startsWith(BEGIN_PKCS8) || !text.endsWith(END_PKCS8)) {
            throw new AssertionError(file + " is not one PKCS#8 PEM block:\n" + text);
        }
        String body = text.substring(BEGIN_PKCS8.length(), text.length() - END_PKCS8.length());
        byte[] der = Base64.getMimeDecoder().decode(body);
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    static SSLContext serverContext(Path chainFile, Path keyFile) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        List<X509Certificate> chain = certificates(chainFile);
        store.setKeyEntry("server", pkcs8Key(keyFile, "EC"), STORE_PASSWORD, chain.toArray(Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A client context whose only trust anchor is the given CA certificate. */
    static SSLContext clientTrustingOnly(Path caFile) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("berth-ca", certificate(caFile));
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
