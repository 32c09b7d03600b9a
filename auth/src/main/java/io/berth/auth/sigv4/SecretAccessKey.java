package io.berth.auth.sigv4;

import java.util.Objects;

/** An AWS-style secret access key. Its text is never part of {@link #toString()}. */
public record SecretAccessKey(String value) {
    public SecretAccessKey {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("secret access key is empty");
        }
    }

    @Override
    public String toString() {
        return "SecretAccessKey[redacted]";
    }
}
