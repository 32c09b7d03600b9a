package io.berth.auth.sigv4;

import java.util.Objects;

/**
 * The session token of temporary credentials, sent as {@code X-Amz-Security-Token}. It works like a password, so
 * its text is never part of {@link #toString()}.
 */
public record SessionToken(String value) {
    public SessionToken {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("session token is empty");
        }
    }

    @Override
    public String toString() {
        return "SessionToken[redacted]";
    }
}
