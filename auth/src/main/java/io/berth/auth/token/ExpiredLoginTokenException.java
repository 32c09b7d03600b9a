package io.berth.auth.token;

import io.berth.auth.AuthException;
import java.time.Instant;

/** A login password Berth issued has passed its expiry; the client must run get-login-password again. */
public final class ExpiredLoginTokenException extends AuthException {
    private final Instant expiredAt;

    public ExpiredLoginTokenException(Instant expiredAt) {
        super("login password expired at " + expiredAt);
        this.expiredAt = expiredAt;
    }

    public Instant expiredAt() {
        return expiredAt;
    }
}
