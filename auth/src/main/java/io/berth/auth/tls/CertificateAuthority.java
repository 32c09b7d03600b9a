package io.berth.auth.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Berth's private CA: its certificate and key, and the server certificates it signs. */
final class CertificateAuthority {
    static final String COMMON_NAME = "Berth local CA";
    /** Long enough that nobody re-distributes the CA in a machine's life; clients pin it, so it rarely changes. */
    static final int CA_VALIDITY_YEARS = 10;
    /** Apple's ceiling for TLS server certificates from any CA (notAfter minus notBefore at most 825 days). */
    static final Duration SERVER_VALIDITY = Duration.ofDays(825);
    /** Certificates start this long before "now", so a client whose clock runs a little behind accepts them. */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofHours(1);
    /** Random serial numbers, as CAs must use at least 64 random bits; 127 keeps the DER integer positive. */
    private static final int SERIAL_BITS = 127;
    /** The CA signs server certificates only, never another CA. */
    private static final int PATH_LENGTH = 0;
    /** Bytes of the key identifier shown in the CA's OU, which keeps two Berth CAs' names apart. */
    private static final int NAME_ID_BYTES = 8;

    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    /** A CA loaded from its files; the key must belong to the certificate, which must be a CA certificate. */
    CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {
        if (certificate.getBasicConstraints() < 0) {
            throw new TlsConfigurationException("the CA certificate " + certificate.getSubjectX500Principal()
                    + " is not a CA certificate (no basicConstraints CA:true)");
        }
        if (!Keys.matches(privateKey, certificate.getPublicKey())) {
            throw new TlsConfigurationException("the CA private key does not belong to the CA certificate");
        }
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /** A new self-signed CA valid for {@link #CA_VALIDITY_YEARS} years. */
    static CertificateAuthority create(Instant now, SecureRandom random) {
        KeyPair keys = Keys.generateEcKeyPair(random);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            SubjectKeyIdentifier keyId = extensions.createSubjectKeyIdentifier(keys.getPublic());
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "Berth")
                    .addRDN(BCStyle.OU, "key " + HexFormat.of().formatHex(keyId.getKeyIdentifier(), 0, NAME_ID_BYTES))
                    .addRDN(BCStyle.CN, COMMON_NAME)
                    .build();
            Instant notBefore = now.minus(CLOCK_SKEW_ALLOWANCE);
            Instant notAfter = notBefore.atOffset(ZoneOffset.UTC).plusYears(CA_VALIDITY_YEARS).toInstant();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(random),
                    Date.from(notBefore), Date.from(notAfter), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(PATH_LENGTH))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, keyId);
            return new CertificateAuthority(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the local CA certificate", e);
        }
    }

    X509Certificate certificate() {
        return certificate;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * A new key and a certificate for it naming every server name, valid {@link #SERVER_VALIDITY} but never past
     * the CA's own expiry. The chain is the server certificate then the CA's.
     */
    ServerCredentials issueServerCertificate(ServerNames names, Instant now, SecureRandom random) {
        KeyPair keys = Keys.generateEcKeyPair(random);
        Instant notBefore = now.minus(CLOCK_SKEW_ALLOWANCE);
        Instant notAfter = min(notBefore.plus(SERVER_VALIDITY), certificate.getNotAfter().toInstant());
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Berth")
                .addRDN(BCStyle.CN, "Berth server")
                .build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(random),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, subjectAltNames(names))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate.getPublicKey()));
            X509Certificate server = sign(builder, privateKey);
            return new ServerCredentials(List.of(server, certificate), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue the server certificate", e);
        }
    }

    /** SHA-256 of the CA certificate's DER, as colon-separated upper-case hex (openssl's format). */
    String fingerprintSha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint the CA certificate", e);
        }
    }

    /** True when this CA's key signed the certificate. */
    boolean signed(X509Certificate issued) {
        PublicKey caKey = certificate.getPublicKey();
        try {
            issued.verify(caKey);
            return issued.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static GeneralNames subjectAltNames(ServerNames names) {
        List<GeneralName> general = new ArrayList<>();
        names.dnsNames().forEach(dns -> general.add(new GeneralName(GeneralName.dNSName, dns)));
        for (InetAddress ip : names.ipAddresses()) {
            general.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress()));
        }
        return new GeneralNames(general.toArray(GeneralName[]::new));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws GeneralSecurityException {
        try {
            var signer = new JcaContentSignerBuilder(Keys.signatureAlgorithm(signingKey)).build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign a certificate", e);
        }
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(SERIAL_BITS, random).add(BigInteger.ONE);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** A server key and its certificate chain, server first. */
    record ServerCredentials(List<X509Certificate> chain, PrivateKey privateKey) {
        ServerCredentials {
            chain = List.copyOf(chain);
        }

        X509Certificate leaf() {
            return chain.get(0);
        }
    }
}
