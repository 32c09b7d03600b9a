package io.berth.auth.sigv4;

import java.time.Instant;
import java.util.Objects;

/**
 * A request whose signature checked out.
 *
 * @param credential the credential that signed it
 * @param scope the region and service it was signed for (the caller decides whether they fit the endpoint)
 * @param signedAt the signing time the request declared
 * @param presigned whether it authenticated with query parameters rather than an Authorization header
 */
public record VerifiedRequest(ResolvedCredential credential, CredentialScope scope, Instant signedAt,
                              boolean presigned) {
    public VerifiedRequest {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(signedAt, "signedAt");
    }
}
