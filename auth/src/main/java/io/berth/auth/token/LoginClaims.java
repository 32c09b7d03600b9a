package io.berth.auth.token;

import java.time.Instant;
import java.util.Objects;

/**
 * What a login password binds. After {@link LoginTokenService#verify(String)} the caller must still check that
 * {@code accessKeyId} is active and belongs to {@code principalArn}: deleting or disabling the key revokes every
 * password it requested.
 *
 * @param tokenId random per password, for audit logs (the password itself is never logged)
 * @param principalArn who the password authenticates
 * @param accessKeyId the access key that signed the GetAuthorizationToken request
 * @param scope restrictions on top of the principal's permissions
 */
public record LoginClaims(String tokenId, String principalArn, String accessKeyId, LoginScope scope,
                          Instant issuedAt, Instant expiresAt) {
    public LoginClaims {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
    }
}
