package io.berth.auth.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SigV4 authentication a request carries, parsed but not yet checked.
 *
 * @param terminator the credential's last element, which must be {@code aws4_request}
 * @param signedHeaders lowercase, sorted, without duplicates, always including {@code host}
 * @param amzDate the signing time exactly as it goes into the string to sign ({@code 20150830T123600Z})
 * @param expires a presigned request's X-Amz-Expires, if it has one
 * @param sessionToken the X-Amz-Security-Token the request carries, from the header or the query
 */
record SignatureParts(String accessKeyId, CredentialScope scope, String terminator, List<String> signedHeaders,
                      String signature, String amzDate, Instant signedAt, Optional<Duration> expires,
                      Optional<String> sessionToken, boolean presigned) {
    SignatureParts {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(terminator, "terminator");
        signedHeaders = List.copyOf(signedHeaders);
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(amzDate, "amzDate");
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(sessionToken, "sessionToken");
    }

    @Override
    public String toString() {
        return "SignatureParts[accessKeyId=" + accessKeyId + ", scope=" + scope.text() + ", signedHeaders="
                + signedHeaders + ", amzDate=" + amzDate + ", presigned=" + presigned + "]";
    }
}
