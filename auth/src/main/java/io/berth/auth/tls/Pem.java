package io.berth.auth.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes PEM. Certificates are parsed by the JDK's {@link CertificateFactory}; private keys are accepted
 * as PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY}), RSA or EC:
 * the forms and algorithms Vert.x's {@code PemKeyCertOptions} reads, so a file accepted here also loads there.
 * Keys are always written as unencrypted PKCS#8.
 */
final class Pem {
    private static final int LINE_LENGTH = 64;

    private Pem() {
    }

    /** Every certificate in the file, in file order; at least one. */
    static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Object object : readObjects(file, "certificate")) {
            if (object instanceof X509CertificateHolder holder) {
                certificates.add(toCertificate(holder, file, certificates.size() + 1));
            } else {
                others.add(describe(object));
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsConfigurationException("certificate file " + file + " holds no -----BEGIN CERTIFICATE----- "
                    + "block" + found(others));
        }
        return List.copyOf(certificates);
    }

    /** The one private key in the file; {@code EC PARAMETERS} blocks next to it are ignored. */
    static PrivateKey readPrivateKey(Path file) {
        List<PrivateKeyInfo> keys = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Object object : readObjects(file, "private key")) {
            switch (object) {
                case PrivateKeyInfo info -> keys.add(info);
                case PEMKeyPair pair -> keys.add(pair.getPrivateKeyInfo());
                case PEMEncryptedKeyPair ignored -> throw encrypted(file);
                case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted(file);
                case ASN1ObjectIdentifier ignoredCurveName -> { }
                default -> others.add(describe(object));
            }
        }
        if (keys.size() != 1) {
            throw new TlsConfigurationException("private key file " + file + " must hold exactly one private key "
                    + "(-----BEGIN PRIVATE KEY-----), found " + keys.size() + found(others));
        }
        return toPrivateKey(keys.get(0), file);
    }

    static byte[] encodeCertificates(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                text.append(block("CERTIFICATE", certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot encode a certificate", e);
            }
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** PKCS#8, unencrypted; the JDK's {@code getEncoded()} of a private key is exactly that structure. */
    static byte[] encodePrivateKey(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded()).getBytes(StandardCharsets.US_ASCII);
    }

    private static String block(String type, byte[] der) {
        String body = Base64.getMimeEncoder(LINE_LENGTH, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static List<Object> readObjects(Path file, String what) {
        String text = readText(file, what);
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new TlsConfigurationException(what + " file " + file + " is not valid PEM: " + e.getMessage(), e);
        }
        return objects;
    }

    private static String readText(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TlsConfigurationException(what + " file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new TlsConfigurationException(what + " file " + file + " is not readable by this user", e);
        } catch (IOException e) {
            throw new TlsConfigurationException("cannot read " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate toCertificate(X509CertificateHolder holder, Path file, int position) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsConfigurationException("certificate " + position + " in " + file + " does not parse: "
                    + e.getMessage(), e);
        }
    }

    private static PrivateKey toPrivateKey(PrivateKeyInfo info, Path file) {
        ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        String algorithm = PKCSObjectIdentifiers.rsaEncryption.equals(oid) ? "RSA"
                : X9ObjectIdentifiers.id_ecPublicKey.equals(oid) ? "EC" : null;
        if (algorithm == null) {
            throw new TlsConfigurationException("private key in " + file + " uses algorithm " + oid
                    + "; Berth serves RSA and ECDSA (P-256, P-384, P-521) keys only");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsConfigurationException("private key in " + file + " is not a usable " + algorithm + " key"
                    + ("EC".equals(algorithm) ? " (only the P-256, P-384 and P-521 curves are supported)" : "")
                    + ": " + e.getMessage(), e);
        }
    }

    private static TlsConfigurationException encrypted(Path file) {
        return new TlsConfigurationException("private key file " + file + " is encrypted; Berth needs it unencrypted "
                + "(decrypt it with: openssl pkey -in " + file + " -out server.key, and keep that file mode 0600)");
    }

    private static String describe(Object object) {
        return switch (object) {
            case X509CertificateHolder ignored -> "a certificate";
            case PrivateKeyInfo ignored -> "a private key";
            case PEMKeyPair ignored -> "a private key";
            default -> "a " + object.getClass().getSimpleName();
        };
    }

    private static String found(List<String> others) {
        return others.isEmpty() ? "" : " (it holds " + String.join(", ", others) + ")";
    }
}
