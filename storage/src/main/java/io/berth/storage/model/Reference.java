package io.berth.storage.model;

/** The {@code <reference>} of a manifest URL: a tag or a digest. */
public sealed interface Reference permits Reference.ByTag, Reference.ByDigest {

    static Reference parse(String text) {
        return Digest.looksLikeDigest(text) ? new ByDigest(Digest.parse(text)) : new ByTag(Tag.of(text));
    }

    record ByTag(Tag tag) implements Reference {
        @Override
        public String toString() {
            return tag.toString();
        }
    }

    record ByDigest(Digest digest) implements Reference {
        @Override
        public String toString() {
            return digest.toString();
        }
    }
}
