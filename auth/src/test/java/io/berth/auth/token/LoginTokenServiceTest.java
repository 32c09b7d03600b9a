package io.berth.auth.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class LoginTokenServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-22T02:20:56Z");
    private static final String PRINCIPAL = "arn:aws:iam::123456789012:user/alice";
    private static final String KEY_ID = "AKIAEXAMPLEKEY000001";
    private static final TokenKey KEY_A = key(1);
    private static final TokenKey KEY_B = key(2);

    private static TokenKey key(int seed) {
        byte[] bytes = new byte[TokenKey.LENGTH];
        Arrays.fill(bytes, (byte) seed);
        bytes[0] = (byte) 0x5A;
        return TokenKey.of(bytes);
    }

    private static LoginTokenService service(List<TokenKey> keys, Instant now) {
        return new LoginTokenService(keys, Clock.fixed(now, ZoneOffset.UTC), LoginTokenService.DEFAULT_TTL,
                new SecureRandom());
    }

    private static LoginTokenService service() {
        return service(List.of(KEY_A), NOW);
    }

    @Test
    void anIssuedPasswordVerifiesToItsClaims() {
        LoginToken token = service().issue(PRINCIPAL, KEY_ID, LoginScope.UNRESTRICTED);

        LoginClaims claims = service(List.of(KEY_A), NOW.plusSeconds(60)).verify(token.password());

        assertEquals(token.claims(), claims);
        assertEquals(PRINCIPAL, claims.principalArn());
        assertEquals(KEY_ID, claims.accessKeyId());
        assertEquals(NOW, claims.issuedAt());
        assertEquals(NOW.plus(Duration.ofHours(12)), claims.expiresAt());
        assertTrue(claims.scope().unrestricted());
        assertEquals(24, claims.tokenId().length());
    }

    @Test
    void thePasswordIsCompactUrlSafeAndUniquePerIssue() {
        LoginToken first = service().issue(PRINCIPAL, KEY_ID, LoginScope.UNRESTRICTED);
        LoginToken second = service().issue(PRINCIPAL, KEY_ID, LoginScope.UNRESTRICTED);

        assertTrue(first.password().matches("[A-Za-z0-9_-]+"), first.password());
        assertTrue(first.password().length() < 200, () -> first.password().length() + " characters");
        assertNotEquals(first.password(), second.password());
        assertNotEquals(first.claims().tokenId(), second.claims().tokenId());
    }

    @Test
    void theAuthorizationTokenIsBase64OfAwsColonPassword() {
        LoginToken token = service().issue(PRINCIPAL, KEY_ID, LoginScope.UNRESTRICTED);

        String decoded = new String(Base64.getDecoder().decode(token.authorizationToken()), StandardCharsets.UTF_8);

        assertEquals("AWS:" + token.password(), decoded);
    }

    @Test
    void scopeRestrictionsSurviveTheRoundTrip() {
        LoginScope scope = LoginScope.pullOnly(List.of("team-a/*", "base/alpine", "mirror/*/cache"));
        LoginToken token = service().issue(PRINCIPAL, KEY_ID, scope, Duration.ofDays(365));

        LoginClaims claims = service().verify(token.password());

        assertEquals(scope, claims.scope());
        assertTrue(claims.scope().pullOnly());
        assertFalse(claims.scope().allowsPush());
        assertTrue(claims.scope().allowsRepository("team-a/app"));
        assertTrue(claims.scope().allowsRepository("team-a/nested/app"));
        assertTrue(claims.scope().allowsRepository("base/alpine"));
        assertTrue(claims.scope().allowsRepository("mirror/docker.io/cache"));
        assertFalse(claims.scope().allowsRepository("base/alpine-dev"));
        assertFalse(claims.scope().allowsRepository("team-b/app"));
        assertEquals(NOW.plus(Duration.ofDays(365)), claims.expiresAt());
    }

    @Test
    void aPasswordExpiresAtItsExpiry() {
        LoginToken token = service().issue(PRINCIPAL, KEY_ID, LoginScope.UNRESTRICTED, Duration.ofMinutes(10));

        service(List.of(KEY_A), NOW.plus(Duration.ofMinutes(10)).minusMillis(1)).verify(token.password());
        ExpiredLoginTokenException e = assertThrows(ExpiredLoginTokenException.class,
                () -> service(List.of(KEY_A), NOW.plus(Duration.ofMinutes(10))).verify(token.password()));
        assertEquals(NOW.plus(Duration.ofMinutes(10)), e.expiredAt());
        assertFalse(e.getMessage().contains(token.password()));
    }

    @Test
    void everyBitFlipOfEveryCharacterIsRejected() {
        String password = service().issue(PRINCIPAL, KEY_ID, LoginScope.pullOnly(List.of("team-a/*")))
                .password();
        for (int i = 0; i < password.length(); i++) {
            for (int bit = 0; bit < 8; bit++) {
                char[] chars = password.toCharArray();
                chars[i] ^= (char) (1 << bit);
                String tampered = new String(chars);
                InvalidLoginTokenException e = assertThrows(InvalidLoginTokenException.class,
                        () -> service().verify(tampered), () -> "position " + tampered);
                assertFalse(e.getMessage().contains(password));
            }
        }
    }

    @Test
    void everyBitFlipOfEveryDecodedByteIsRejected() {
        byte[] token = Base64.getUrlDecoder().decode(service().issue(PRINCIPAL, KEY_ID, LoginScope.UNRESTRICTED)
                .password());
        for (int i = 0; i < token.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] copy = token.clone();
                copy[i] ^= (byte) (1 << bit);
                String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(copy);
                assertThrows(InvalidLoginTokenException.class, () -> service().verify(tampered));
            }
        }
    }

    @Test
    void truncatedExtendedAndPaddedPasswordsAreRejected() {
        String password = service().issue(PRINCIPAL, KEY_ID, LoginScope.UNRESTRICTED).password();
        for (int length = 0; length < password.length(); length++) {
            String truncated = password.substring(0, length);
            assertThrows(InvalidLoginTokenException.class, () -> service().verify(truncated));
        }
        for (String changed : List.of(password + "A", password + "=", password + "==", "A" + password,
                password.replace('-', '+').replace('_', '/'), " " + password)) {
            if (!changed.equals(password)) {
                assertThrows(InvalidLoginTokenException.class, () -> service().verify(changed), changed);
            }
        }
    }

    @Test
    void aPasswordSignedWithAnotherKeyIsRejected() {
        String password = service(List.of(KEY_B), NOW).issue(PRINCIPAL, KEY_ID, LoginScope.UNRESTRICTED).password();

        assertThrows(InvalidLoginTokenException.class, () -> service().verify(password));
    }

    @Test
    void rotationSignsWithTheFirstKeyAndVerifiesWithAll() {
        String oldPassword = service(List.of(KEY_A), NOW).issue(PRINCIPAL, KEY_ID, LoginScope.UNRESTRICTED)
                .password();
        LoginTokenService rotated = service(List.of(KEY_B, KEY_A), NOW);
        String newPassword = rotated.issue(PRINCIPAL, KEY_ID, LoginScope.UNRESTRICTED).password();

        rotated.verify(oldPassword);
        rotated.verify(newPassword);
        service(List.of(KEY_B), NOW).verify(newPassword);
        assertThrows(InvalidLoginTokenException.class, () -> service(List.of(KEY_B), NOW).verify(oldPassword));
        assertThrows(InvalidLoginTokenException.class, () -> service(List.of(KEY_A), NOW).verify(newPassword));
    }

    @Test
    void anotherVersionIsRejectedEvenWithAValidMac() {
        byte[] token = Base64.getUrlDecoder().decode(service().issue(PRINCIPAL, KEY_ID, LoginScope.UNRESTRICTED)
                .password());
        byte[] payload = Arrays.copyOf(token, token.length - 32);
        payload[0] = 2;
        byte[] remaced = concat(payload, mac(KEY_A, payload));

        InvalidLoginTokenException e = assertThrows(InvalidLoginTokenException.class,
                () -> service().verify(Base64.getUrlEncoder().withoutPadding().encodeToString(remaced)));
        assertEquals("login password has an unknown format", e.getMessage());
    }

    @Test
    void theFormatIsTheDocumentedOne() {
        LoginToken token = service().issue(PRINCIPAL, KEY_ID, LoginScope.pullOnly(List.of("a/*")),
                Duration.ofHours(1));
        byte[] bytes = Base64.getUrlDecoder().decode(token.password());
        byte[] payload = Arrays.copyOf(bytes, bytes.length - 32);

        assertEquals(1, payload[0]);
        assertEquals(1, payload[1]);
        assertEquals(1 + 1 + 12 + 8 + 8 + 2 + KEY_ID.length() + 2 + PRINCIPAL.length() + 1 + 2 + 3,
                payload.length);
        assertArrayEquals(mac(KEY_A, payload), Arrays.copyOfRange(bytes, payload.length, bytes.length));
    }

    @Test
    void oversizedPasswordsAreRefusedAtIssue() {
        List<String> patterns = IntStream.range(0, 50).mapToObj(i -> "x".repeat(40) + i).toList();

        assertThrows(IllegalArgumentException.class,
                () -> service().issue(PRINCIPAL, KEY_ID, LoginScope.pullOnly(patterns)));
        assertThrows(InvalidLoginTokenException.class, () -> service().verify("A".repeat(5000)));
    }

    @Test
    void invalidInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TokenKey.of(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> LoginScope.pullOnly(List.of("Team/*")));
        assertThrows(IllegalArgumentException.class, () -> service().issue(PRINCIPAL, KEY_ID,
                LoginScope.UNRESTRICTED, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new LoginTokenService(List.of(),
                Clock.systemUTC(), LoginTokenService.DEFAULT_TTL, new SecureRandom()));
    }

    @Test
    void secretsStayOutOfToString() {
        LoginToken token = service().issue(PRINCIPAL, KEY_ID, LoginScope.UNRESTRICTED);

        assertFalse(token.toString().contains(token.password()));
        assertEquals("TokenKey[redacted]", KEY_A.toString());
        assertEquals(TokenKey.LENGTH, TokenKey.generate(new SecureRandom()).bytes().length);
    }

    /** The MAC as the format documents it: HMAC-SHA256 over "berth/login-password/v1\0" and the payload. */
    private static byte[] mac(TokenKey key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            mac.update("berth/login-password/v1\0".getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
