package io.berth.storage.model;

import io.berth.storage.error.DigestInvalidException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A validated content digest such as {@code sha256:<64 lowercase hex>}. */
public record Digest(DigestAlgorithm algorithm, String hex) implements Comparable<Digest> {
    /** The OCI image spec's digest grammar, before the per-algorithm checks. */
    private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]+");

    public Digest {
        if (hex.length() != algorithm.hexLength() || !LOWER_HEX.matcher(hex).matches()) {
            throw new DigestInvalidException("invalid " + algorithm.prefix() + " digest", algorithm.prefix() + ":" + hex);
        }
    }

    public static Digest parse(String text) {
        if (text == null || text.length() > 256 || !GRAMMAR.matcher(text).matches()) {
            throw new DigestInvalidException("invalid digest", text);
        }
        int colon = text.indexOf(':');
        DigestAlgorithm algorithm = DigestAlgorithm.byPrefix(text.substring(0, colon))
                .orElseThrow(() -> new DigestInvalidException("unsupported digest algorithm", text));
        return new Digest(algorithm, text.substring(colon + 1));
    }

    /** True when {@code text} looks like a digest (has a colon), as opposed to a tag. */
    public static boolean looksLikeDigest(String text) {
        return text.indexOf(':') >= 0;
    }

    public static Digest of(DigestAlgorithm algorithm, byte[] content) {
        return fromBytes(algorithm, algorithm.newMessageDigest().digest(content));
    }

    public static Digest sha256(byte[] content) {
        return of(DigestAlgorithm.SHA256, content);
    }

    public static Digest fromBytes(DigestAlgorithm algorithm, byte[] hash) {
        return new Digest(algorithm, HexFormat.of().formatHex(hash));
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return algorithm.prefix() + ":" + hex;
    }
}
