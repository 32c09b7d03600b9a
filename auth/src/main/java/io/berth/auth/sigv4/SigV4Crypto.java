package io.berth.auth.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The hashing and HMAC steps of SigV4. Stateless: a fresh {@link Mac} per call, as Mac is not thread-safe. */
final class SigV4Crypto {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private SigV4Crypto() {
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    static byte[] signingKey(SecretAccessKey secret, CredentialScope scope) {
        byte[] key = hmac(("AWS4" + secret.value()).getBytes(StandardCharsets.UTF_8), scope.date());
        key = hmac(key, scope.region());
        key = hmac(key, scope.service());
        return hmac(key, CredentialScope.TERMINATOR);
    }

    /** The hex signature of {@code stringToSign}. */
    static String signature(SecretAccessKey secret, CredentialScope scope, String stringToSign) {
        return HEX.formatHex(hmac(signingKey(secret, scope), stringToSign));
    }

    /** The SigV4 string to sign: algorithm, request time, scope, hash of the canonical request. */
    static String stringToSign(String amzDate, CredentialScope scope, CanonicalRequest canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope.text() + "\n" + canonicalRequest.sha256Hex();
    }

    /** Compares two strings in time that depends only on their lengths. */
    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
