package io.berth.auth.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/** Key generation and the check that a private key belongs to a public key, with the JDK's providers. */
final class Keys {
    /** NIST P-256: accepted by every TLS client Berth serves, and fast to generate at first start. */
    private static final String CURVE = "secp256r1";
    private static final byte[] PROBE = "berth tls key pair check".getBytes(StandardCharsets.US_ASCII);

    private Keys() {
    }

    static KeyPair generateEcKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + CURVE + " keys", e);
        }
    }

    /** The signature algorithm a certificate signed by this key uses: SHA-256 with ECDSA or RSA. */
    static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new TlsConfigurationException("unsupported key algorithm " + key.getAlgorithm());
        };
    }

    /**
     * True when the private key is the partner of the public key: same algorithm, and a signature made with the
     * private key verifies with the public one (which holds exactly when the public halves are equal).
     */
    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            String algorithm = signatureAlgorithm(privateKey);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
