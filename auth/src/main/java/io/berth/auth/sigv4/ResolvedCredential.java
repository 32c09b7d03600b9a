package io.berth.auth.sigv4;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CredentialLookup} knows about an access key id: its secret, whom it belongs to, and for temporary
 * credentials the session token a request must present and when the credentials stop working.
 *
 * @param principalId the principal the key authenticates (a user or role ARN, or Berth's own principal id)
 * @param sessionToken present for temporary credentials: requests must carry exactly this token; absent for
 *                     long-term keys: requests must carry none
 * @param expiresAt when temporary credentials expire; absent for keys that do not expire on their own
 */
public record ResolvedCredential(String accessKeyId, SecretAccessKey secret, String principalId,
                                 Optional<SessionToken> sessionToken, Optional<Instant> expiresAt) {
    public ResolvedCredential {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(principalId, "principalId");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A long-term access key: no session token, no expiry of its own. */
    public static ResolvedCredential longTerm(String accessKeyId, SecretAccessKey secret, String principalId) {
        return new ResolvedCredential(accessKeyId, secret, principalId, Optional.empty(), Optional.empty());
    }

    /** Temporary credentials: requests must present {@code sessionToken}, and stop working at {@code expiresAt}. */
    public static ResolvedCredential temporary(String accessKeyId, SecretAccessKey secret, String principalId,
                                               SessionToken sessionToken, Instant expiresAt) {
        return new ResolvedCredential(accessKeyId, secret, principalId, Optional.of(sessionToken),
                Optional.of(expiresAt));
    }
}
