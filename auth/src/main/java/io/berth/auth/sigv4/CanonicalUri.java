package io.berth.auth.sigv4;

import java.util.ArrayList;
import java.util.List;

/**
 * The canonical URI of a SigV4 request for every AWS service except S3: the raw (still percent-encoded) path with
 * dot segments resolved and empty segments dropped, then percent-encoded once more segment by segment. Encoding the
 * already-encoded path is what the SDKs do for non-S3 services ("double encoding"): a path sent as
 * {@code /a%20b} is canonically {@code /a%2520b}.
 *
 * <p>Normalisation follows botocore and the AWS test suite: {@code //a//} becomes {@code /a/}, {@code /a/..} and
 * {@code /./} become {@code /}, {@code /./a} becomes {@code /a}; a trailing slash is kept when the path ends in one
 * and something is left; an empty path is {@code /}. Encoded dots ({@code %2E}) are not dot segments.
 */
final class CanonicalUri {
    private CanonicalUri() {
    }

    static String of(String rawPath) {
        return UriEncoding.encodePath(normalize(rawPath));
    }

    static String normalize(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        List<String> kept = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
            } else {
                kept.add(segment);
            }
        }
        String first = rawPath.startsWith("/") ? "/" : "";
        String last = rawPath.endsWith("/") && !kept.isEmpty() ? "/" : "";
        String normalized = first + String.join("/", kept) + last;
        return normalized.isEmpty() ? "/" : normalized;
    }
}
