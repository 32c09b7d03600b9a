package io.berth.auth.sigv4;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A SigV4 canonical request: method, canonical URI, canonical query, canonical headers, signed headers and payload
 * hash, one per line. {@link #toString()} shows only its hash, as the text may contain a session token.
 */
public final class CanonicalRequest {
    /** The query parameter a presigned request carries its signature in; it is not part of what is signed. */
    static final String SIGNATURE_PARAMETER = "X-Amz-Signature";

    private final String text;
    private final String sha256Hex;

    private CanonicalRequest(String text) {
        this.text = text;
        this.sha256Hex = SigV4Crypto.sha256Hex(text);
    }

    /**
     * Builds the canonical request.
     *
     * @param signedHeaders the signed header names, lowercase and sorted
     * @param presigned whether the signature travels in the query (so {@code X-Amz-Signature} is left out)
     */
    public static CanonicalRequest of(SignedRequest request, List<String> signedHeaders, boolean presigned) {
        return of(request, signedHeaders, presigned, Optional.empty());
    }

    /** As {@link #of(SignedRequest, List, boolean)}, also leaving the query parameter {@code unsigned} out. */
    static CanonicalRequest of(SignedRequest request, List<String> signedHeaders, boolean presigned,
                               Optional<String> unsigned) {
        Objects.requireNonNull(request, "request");
        Set<String> excluded = new HashSet<>();
        unsigned.ifPresent(excluded::add);
        if (presigned) {
            excluded.add(SIGNATURE_PARAMETER);
        }
        StringBuilder text = new StringBuilder(512)
                .append(request.method()).append('\n')
                .append(CanonicalUri.of(request.rawPath())).append('\n')
                .append(CanonicalQuery.canonical(request.rawQuery(), excluded)).append('\n');
        for (String name : signedHeaders) {
            text.append(name).append(':').append(canonicalValue(request.headers().all(name))).append('\n');
        }
        text.append('\n')
                .append(String.join(";", signedHeaders)).append('\n')
                .append(request.payloadSha256());
        return new CanonicalRequest(text.toString());
    }

    /** The canonical request text. */
    public String text() {
        return text;
    }

    /** Lowercase hex SHA-256 of {@link #text()}, the last line of the string to sign. */
    public String sha256Hex() {
        return sha256Hex;
    }

    /** Each value trimmed with inner runs of whitespace collapsed to one space; several values joined by commas. */
    static String canonicalValue(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ",").append(collapse(values.get(i)));
        }
        return out.toString();
    }

    private static String collapse(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0B) {
                pendingSpace = !out.isEmpty();
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "CanonicalRequest[sha256=" + sha256Hex + "]";
    }
}
