package io.berth.auth.token;

import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 32-byte server secret that signs login passwords (HMAC-SHA256). Storing it is the caller's job. The bytes are
 * copied in and never shown by {@link #toString()}.
 */
public final class TokenKey {
    /** HMAC-SHA256 keys of 256 bits: as long as the hash output, so the key is never the weak link. */
    public static final int LENGTH = 32;
    static final String HMAC_SHA256 = "HmacSHA256";

    private final SecretKeySpec spec;

    private TokenKey(byte[] bytes) {
        this.spec = new SecretKeySpec(bytes, HMAC_SHA256);
    }

    /** A key from exactly {@value #LENGTH} bytes. */
    public static TokenKey of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a token key is " + LENGTH + " bytes, not " + bytes.length);
        }
        return new TokenKey(bytes.clone());
    }

    /** A new random key. */
    public static TokenKey generate(SecureRandom random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new TokenKey(bytes);
    }

    /** The key material, for the caller to persist. */
    public byte[] bytes() {
        return spec.getEncoded();
    }

    SecretKeySpec spec() {
        return spec;
    }

    @Override
    public String toString() {
        return "TokenKey[redacted]";
    }
}
