package io.berth.auth.sigv4;

import java.util.Objects;
import java.util.Optional;

/** What a client signs with: an access key id, its secret, and the session token of temporary credentials. */
public record AwsCredentials(String accessKeyId, SecretAccessKey secret, Optional<SessionToken> sessionToken) {
    public AwsCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(sessionToken, "sessionToken");
    }

    public static AwsCredentials of(String accessKeyId, String secret) {
        return new AwsCredentials(accessKeyId, new SecretAccessKey(secret), Optional.empty());
    }

    public static AwsCredentials of(String accessKeyId, String secret, String sessionToken) {
        return new AwsCredentials(accessKeyId, new SecretAccessKey(secret),
                Optional.of(new SessionToken(sessionToken)));
    }
}
