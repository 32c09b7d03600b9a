package io.berth.auth.sigv4;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of signing a request: the headers to add, in the order the AWS CLI sends them, and for diagnosis the
 * canonical request and string to sign. {@link #toString()} leaves out the session token.
 */
public record SigV4Signature(String amzDate, Optional<SessionToken> sessionToken, String authorization,
                             CanonicalRequest canonicalRequest, String stringToSign) {
    public SigV4Signature {
        Objects.requireNonNull(amzDate, "amzDate");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(canonicalRequest, "canonicalRequest");
        Objects.requireNonNull(stringToSign, "stringToSign");
    }

    /** {@code X-Amz-Date}, {@code X-Amz-Security-Token} (temporary credentials only) and {@code Authorization}. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Amz-Date", amzDate);
        sessionToken.ifPresent(token -> headers.put("X-Amz-Security-Token", token.value()));
        headers.put("Authorization", authorization);
        return headers;
    }

    /** Leaves out the session token and the signature (the Authorization header is never logged whole). */
    @Override
    public String toString() {
        return "SigV4Signature[amzDate=" + amzDate + ", sessionToken=" + sessionToken.map(t -> "[redacted]")
                .orElse("none") + ", authorization=" + authorization.substring(0, authorization.lastIndexOf('='))
                + "=[redacted], canonicalRequest=" + canonicalRequest + "]";
    }

    /** The signature itself, the last field of {@link #authorization()}. */
    public String signature() {
        return authorization.substring(authorization.lastIndexOf('=') + 1);
    }
}
