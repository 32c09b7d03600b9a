package io.berth.auth.token;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;

/**
 * The login password format, version 1: base64url without padding of {@code payload || HMAC-SHA256(key,
 * CONTEXT || payload)}, where the payload is
 * <pre>
 *   u8  version (1)          u8  flags (bit 0: pull only; other bits zero)
 *   12  token id (random)    i64 issued at, i64 expires at (epoch seconds, big-endian)
 *   str access key id        str principal ARN
 *   u8  pattern count        str repository pattern, repeated
 * </pre>
 * and {@code str} is a u16 byte length followed by UTF-8. Decoding rejects anything that does not re-encode to the
 * very same text (so no two texts are the same password), checks the version, then the MAC against each key in
 * constant time, and only then reads the payload, strictly.
 */
final class LoginTokenCodec {
    static final byte VERSION = 1;
    /** Docker's Windows credential store (wincred) holds at most 2,560 bytes; stay well under it. */
    static final int MAX_PASSWORD_LENGTH = 2048;
    static final int TOKEN_ID_LENGTH = 12;
    private static final int MAC_LENGTH = 32;
    private static final int FLAG_PULL_ONLY = 1;
    /** Separates these MACs from any other use of the same key. */
    private static final byte[] CONTEXT = "berth/login-password/v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private LoginTokenCodec() {
    }

    static String encode(LoginClaims claims, TokenKey key) {
        if (claims.tokenId().length() != 2 * TOKEN_ID_LENGTH) {
            throw new IllegalArgumentException("a token id is " + TOKEN_ID_LENGTH + " bytes in hex");
        }
        byte[] payload = payload(claims);
        byte[] token = Arrays.copyOf(payload, payload.length + MAC_LENGTH);
        System.arraycopy(mac(key, payload), 0, token, payload.length, MAC_LENGTH);
        String password = ENCODER.encodeToString(token);
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the login password would be " + password.length()
                    + " characters, over the limit of " + MAX_PASSWORD_LENGTH + "; use fewer or shorter patterns");
        }
        return password;
    }

    static LoginClaims decode(String password, List<TokenKey> keys) {
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidLoginTokenException("login password is too long");
        }
        byte[] token;
        try {
            token = DECODER.decode(password);
        } catch (IllegalArgumentException e) {
            throw new InvalidLoginTokenException("login password is not base64url");
        }
        if (!ENCODER.encodeToString(token).equals(password)) {
            throw new InvalidLoginTokenException("login password is not in canonical base64url");
        }
        if (token.length < 1 + MAC_LENGTH || token[0] != VERSION) {
            throw new InvalidLoginTokenException("login password has an unknown format");
        }
        byte[] payload = Arrays.copyOf(token, token.length - MAC_LENGTH);
        byte[] presented = Arrays.copyOfRange(token, payload.length, token.length);
        boolean authentic = false;
        for (TokenKey key : keys) {
            authentic |= MessageDigest.isEqual(mac(key, payload), presented);
        }
        if (!authentic) {
            throw new InvalidLoginTokenException("login password signature does not match");
        }
        return claims(payload);
    }

    private static byte[] payload(LoginClaims claims) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(claims.scope().pullOnly() ? FLAG_PULL_ONLY : 0);
            out.write(HexFormat.of().parseHex(claims.tokenId()));
            out.writeLong(claims.issuedAt().getEpochSecond());
            out.writeLong(claims.expiresAt().getEpochSecond());
            writeString(out, claims.accessKeyId());
            writeString(out, claims.principalArn());
            out.writeByte(claims.scope().repositoryPatterns().size());
            for (String pattern : claims.scope().repositoryPatterns()) {
                writeString(out, pattern);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static LoginClaims claims(byte[] payload) {
        try {
            ByteBuffer in = ByteBuffer.wrap(payload, 1, payload.length - 1);
            int flags = in.get() & 0xFF;
            if ((flags & ~FLAG_PULL_ONLY) != 0) {
                throw new InvalidLoginTokenException("login password has unknown flags");
            }
            byte[] tokenId = new byte[TOKEN_ID_LENGTH];
            in.get(tokenId);
            Instant issuedAt = Instant.ofEpochSecond(in.getLong());
            Instant expiresAt = Instant.ofEpochSecond(in.getLong());
            String accessKeyId = readString(in);
            String principalArn = readString(in);
            int count = in.get() & 0xFF;
            List<String> patterns = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                patterns.add(readString(in));
            }
            if (in.hasRemaining()) {
                throw new InvalidLoginTokenException("login password has trailing bytes");
            }
            return new LoginClaims(HexFormat.of().formatHex(tokenId), principalArn, accessKeyId,
                    new LoginScope(patterns, (flags & FLAG_PULL_ONLY) != 0), issuedAt, expiresAt);
        } catch (BufferUnderflowException | IllegalArgumentException | DateTimeException e) {
            throw new InvalidLoginTokenException("login password payload is malformed");
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("claim too long for a login password");
        }
        out.writeShort(utf8.length);
        out.write(utf8);
    }

    private static String readString(ByteBuffer in) {
        byte[] utf8 = new byte[in.getShort() & 0xFFFF];
        in.get(utf8);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidLoginTokenException("login password payload is not UTF-8");
        }
    }

    private static byte[] mac(TokenKey key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(TokenKey.HMAC_SHA256);
            mac.init(key.spec());
            mac.update(CONTEXT);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
