package io.berth.auth.sigv4;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Signs requests with AWS Signature Version 4, as the AWS CLI does: the client side of {@link SigV4Verifier}, used
 * by {@code berth get-login-password}. Every header of the request is signed except those that proxies and HTTP
 * stacks add or rewrite in transit; add {@code Content-Length}, {@code Accept-Encoding} and {@code User-Agent} after
 * signing, as botocore does, or include them before to have them signed.
 */
public final class SigV4Signer {
    /** Hop-by-hop headers and headers that intermediaries set; signing them would break on the way. */
    private static final Set<String> UNSIGNED_HEADERS = Set.of("authorization", "connection", "expect",
            "keep-alive", "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding",
            "upgrade", "user-agent", "x-amzn-trace-id");

    private final Clock clock;

    public SigV4Signer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Signs {@code request} (which must have a {@code Host} header) for {@code service} in {@code region}. The
     * result's headers are to be added to the request; an Authorization or X-Amz-Date it already has is replaced.
     */
    public SigV4Signature sign(SignedRequest request, AwsCredentials credentials, String region, String service) {
        requireHost(request);
        String amzDate = AmzDate.format(clock.instant());
        HeaderMap headers = request.headers().without("authorization").with("X-Amz-Date", amzDate);
        if (credentials.sessionToken().isPresent()) {
            headers = headers.with("X-Amz-Security-Token", credentials.sessionToken().get().value());
        }
        List<String> signedHeaders = signable(headers);
        CredentialScope scope = new CredentialScope(amzDate.substring(0, 8), region, service);
        CanonicalRequest canonical = CanonicalRequest.of(request.withHeaders(headers), signedHeaders, false);
        String stringToSign = SigV4Crypto.stringToSign(amzDate, scope, canonical);
        String signature = SigV4Crypto.signature(credentials.secret(), scope, stringToSign);
        String authorization = SigV4Crypto.ALGORITHM + " Credential=" + credentials.accessKeyId() + "/"
                + scope.text() + ", SignedHeaders=" + String.join(";", signedHeaders) + ", Signature=" + signature;
        return new SigV4Signature(amzDate, credentials.sessionToken(), authorization, canonical, stringToSign);
    }

    /**
     * Presigns {@code request}: returns its query string with the X-Amz-* authentication parameters and the
     * signature appended, valid for {@code expires} from now.
     */
    public String presign(SignedRequest request, AwsCredentials credentials, String region, String service,
                          Duration expires) {
        requireHost(request);
        if (expires.isNegative() || expires.compareTo(SigV4Settings.MAX_PRESIGNED_VALIDITY) > 0) {
            throw new IllegalArgumentException("expires must be between 0 and 7 days: " + expires);
        }
        String amzDate = AmzDate.format(clock.instant());
        CredentialScope scope = new CredentialScope(amzDate.substring(0, 8), region, service);
        List<String> signedHeaders = signable(request.headers());
        StringBuilder query = new StringBuilder(request.rawQuery());
        append(query, AuthorizationParser.Q_ALGORITHM, SigV4Crypto.ALGORITHM);
        append(query, AuthorizationParser.Q_CREDENTIAL, credentials.accessKeyId() + "/" + scope.text());
        append(query, AuthorizationParser.Q_DATE, amzDate);
        append(query, AuthorizationParser.Q_SIGNED_HEADERS, String.join(";", signedHeaders));
        append(query, AuthorizationParser.Q_EXPIRES, Long.toString(expires.toSeconds()));
        credentials.sessionToken().ifPresent(t -> append(query, AuthorizationParser.Q_SECURITY_TOKEN, t.value()));
        CanonicalRequest canonical = CanonicalRequest.of(request.withRawQuery(query.toString()), signedHeaders, true);
        String stringToSign = SigV4Crypto.stringToSign(amzDate, scope, canonical);
        append(query, AuthorizationParser.Q_SIGNATURE, SigV4Crypto.signature(credentials.secret(), scope,
                stringToSign));
        return query.toString();
    }

    private static List<String> signable(HeaderMap headers) {
        return headers.names().stream().filter(name -> !UNSIGNED_HEADERS.contains(name)).sorted().toList();
    }

    private static void requireHost(SignedRequest request) {
        if (!request.headers().contains("host")) {
            throw new IllegalArgumentException("a request to sign needs a Host header");
        }
    }

    private static void append(StringBuilder query, String name, String value) {
        query.append(query.isEmpty() ? "" : "&").append(name).append('=').append(UriEncoding.encode(value));
    }
}
