package io.berth.auth.token;

import io.berth.auth.AuthException;

/**
 * A login password is not one Berth issued: malformed, truncated, tampered with, of an unknown format version, or
 * signed with a key Berth no longer holds. The message names the reason, never the password.
 */
public final class InvalidLoginTokenException extends AuthException {
    public InvalidLoginTokenException(String message) {
        super(message);
    }
}
