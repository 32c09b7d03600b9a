package io.berth.auth.identity;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates IAM-style identifiers and secrets (AKIA..., AIDA..., 40-character secrets). */
final class IamIds {
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    /** 16 characters after the 4-letter prefix, as AWS's ids have. */
    private static final int ID_LENGTH = 16;

    private final SecureRandom random = new SecureRandom();

    String id(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(BASE32[random.nextInt(BASE32.length)]);
        }
        return id.toString();
    }

    /** A 40-character secret access key (30 random bytes). */
    String secret() {
        byte[] bytes = new byte[30];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).replace('+', 'A').replace('/', 'B');
    }

    /** A session token for temporary credentials (96 random bytes, base64). */
    String sessionToken() {
        byte[] bytes = new byte[96];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
