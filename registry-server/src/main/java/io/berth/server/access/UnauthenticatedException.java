package io.berth.server.access;

/** A registry request carries no credentials, or credentials that are invalid, expired or revoked (401). */
public final class UnauthenticatedException extends RuntimeException {
    public UnauthenticatedException(String message) {
        super(message);
    }
}
