package io.berth.auth;

/**
 * Base of every failure the auth module reports. Subclasses are named for the condition; none of them knows about
 * HTTP: the server's error mapper decides how each one is shown to a client.
 */
public abstract class AuthException extends RuntimeException {
    protected AuthException(String message) {
        super(message);
    }

    protected AuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
