package io.berth.auth.tls;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Operator-style certificates and keys made outside {@link TlsBootstrap}: RSA, PKCS#1, encrypted, no SAN. */
final class TestCertificates {
    private TestCertificates() {
    }

    static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** A self-signed server certificate, with {@code registry.example.com} as subjectAltName when asked. */
    static X509Certificate selfSigned(KeyPair keys, boolean withSubjectAltName, Instant now) throws Exception {
        X500Name name = new X500Name("CN=registry.example.com");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(90))), name,
                keys.getPublic());
        if (withSubjectAltName) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "registry.example.com")));
        }
        var signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** Writes with Bouncy Castle's PEM writer: {@code RSA PRIVATE KEY} (PKCS#1) for an RSA key. */
    static Path writeTraditional(Path file, Object... objects) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        }
        return Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    }

    /**
     * {@code EC PARAMETERS} then {@code EC PRIVATE KEY} (SEC 1, curve named inside), as {@code openssl ecparam
     * -genkey} writes them.
     */
    static Path writeOpensslEcKey(Path file, PrivateKey key) throws Exception {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        byte[] sec1 = new ECPrivateKey(256, inner.getKey(), curve).getEncoded();
        return Files.writeString(file, block("EC PARAMETERS", curve.toASN1Primitive().getEncoded())
                + block("EC PRIVATE KEY", sec1), StandardCharsets.US_ASCII);
    }

    private static String block(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /**
     * An {@code ENCRYPTED PRIVATE KEY} (PKCS#8 with a password). The JDK has no AES/CBC/PKCS7Padding, so a Bouncy
     * Castle provider instance does the encryption; none is registered globally.
     */
    static Path writeEncrypted(Path file, PrivateKey key) throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider())
                .setPassword("secret".toCharArray()).build();
        return writeTraditional(file, new JcaPKCS8Generator(key, encryptor));
    }
}
