package io.berth.auth.sigv4;

import java.util.Objects;

/**
 * The parts of an HTTP request that Signature Version 4 covers, as they arrived (to verify) or as they will be sent
 * (to sign).
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param rawPath the path exactly as on the request line, still percent-encoded, without the query
 * @param rawQuery the query string exactly as on the request line, without the {@code ?}; empty when there is none
 * @param headers every header; over HTTP/2 the {@code :authority} pseudo-header must be given as {@code host}
 * @param payloadSha256 lowercase hex SHA-256 of the body actually received (see {@link #sha256Hex(byte[])}); or,
 *        where the body is streamed and its digest checked afterwards, the value the client declared in
 *        {@code x-amz-content-sha256} (including {@code UNSIGNED-PAYLOAD}), in which case the caller must reject
 *        the request if the body turns out not to match
 */
public record SignedRequest(String method, String rawPath, String rawQuery, HeaderMap headers,
                            String payloadSha256) {
    /** SHA-256 of the empty body. */
    public static final String EMPTY_PAYLOAD_SHA256 =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(rawQuery, "rawQuery");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(payloadSha256, "payloadSha256");
        if (rawQuery.startsWith("?")) {
            throw new IllegalArgumentException("rawQuery must not start with '?'");
        }
    }

    /** A request whose payload hash is computed from {@code body}. */
    public static SignedRequest withBody(String method, String rawPath, String rawQuery, HeaderMap headers,
                                         byte[] body) {
        return new SignedRequest(method, rawPath, rawQuery, headers, sha256Hex(body));
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        return SigV4Crypto.sha256Hex(bytes);
    }

    public SignedRequest withHeaders(HeaderMap newHeaders) {
        return new SignedRequest(method, rawPath, rawQuery, newHeaders, payloadSha256);
    }

    public SignedRequest withRawQuery(String newRawQuery) {
        return new SignedRequest(method, rawPath, newRawQuery, headers, payloadSha256);
    }

    /** Leaves out the query string, which may hold a presigned signature or session token. */
    @Override
    public String toString() {
        return "SignedRequest[method=" + method + ", rawPath=" + rawPath + ", rawQuery="
                + (rawQuery.isEmpty() ? "" : "[" + rawQuery.length() + " chars]") + ", headers=" + headers
                + ", payloadSha256=" + payloadSha256 + "]";
    }
}
