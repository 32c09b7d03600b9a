package io.berth.auth.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Issues and checks ECR login passwords: what {@code aws ecr get-login-password} prints, a signed, tamper-proof
 * token binding the principal, the access key that asked for it, optional scope restrictions, and its lifetime.
 *
 * <p>Keys rotate: the first key signs, every key verifies, so a new key goes first and the old one stays until the
 * passwords it signed have expired. Thread-safe.
 */
public final class LoginTokenService {
    /** ECR's authorization tokens last 12 hours. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(12);

    private final List<TokenKey> keys;
    private final Clock clock;
    private final Duration defaultTtl;
    private final SecureRandom random;

    /**
     * @param keys the current key first, then older keys still accepted
     * @param defaultTtl how long a password lasts unless {@link #issue(String, String, LoginScope, Duration)} says
     */
    public LoginTokenService(List<TokenKey> keys, Clock clock, Duration defaultTtl, SecureRandom random) {
        this.keys = List.copyOf(keys);
        if (this.keys.isEmpty()) {
            throw new IllegalArgumentException("at least one token key is needed");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultTtl = requirePositive(defaultTtl);
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A password for {@code principalArn}, requested with {@code accessKeyId}, valid for the default lifetime. */
    public LoginToken issue(String principalArn, String accessKeyId, LoginScope scope) {
        return issue(principalArn, accessKeyId, scope, defaultTtl);
    }

    /** A password valid for {@code ttl} (whole seconds; long-lived cluster pull credentials use more than 12h). */
    public LoginToken issue(String principalArn, String accessKeyId, LoginScope scope, Duration ttl) {
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(scope, "scope");
        Instant issuedAt = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Instant expiresAt = issuedAt.plusSeconds(requirePositive(ttl).toSeconds());
        byte[] tokenId = new byte[LoginTokenCodec.TOKEN_ID_LENGTH];
        random.nextBytes(tokenId);
        LoginClaims claims = new LoginClaims(HexFormat.of().formatHex(tokenId), principalArn, accessKeyId, scope,
                issuedAt, expiresAt);
        return new LoginToken(LoginTokenCodec.encode(claims, keys.get(0)), claims);
    }

    /**
     * The claims of a password this service (or one holding any of its keys) issued and that has not expired.
     * Throws {@link InvalidLoginTokenException} or {@link ExpiredLoginTokenException}. The caller then checks that
     * the claims' access key is still active.
     */
    public LoginClaims verify(String password) {
        Objects.requireNonNull(password, "password");
        LoginClaims claims = LoginTokenCodec.decode(password, keys);
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw new ExpiredLoginTokenException(claims.expiresAt());
        }
        return claims;
    }

    private static Duration requirePositive(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.toSeconds() <= 0) {
            throw new IllegalArgumentException("a login password must last at least a second: " + ttl);
        }
        return ttl;
    }
}
