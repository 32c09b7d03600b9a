package io.berth.storage.model;

import io.berth.storage.error.TagInvalidException;

/**
 * A validated tag: {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}, checked by hand rather than with the regular
 * expression, as tags are checked on every pull (a test checks both agree).
 */
public record Tag(String value) implements Comparable<Tag> {
    /** The grammar allows 128 characters. */
    private static final int MAX_LENGTH = 128;

    public Tag {
        if (value == null || !isTag(value)) {
            throw new TagInvalidException("invalid tag", value);
        }
    }

    private static boolean isTag(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        char first = value.charAt(0);
        if (first == '.' || first == '-') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '.' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    public static Tag of(String value) {
        return new Tag(value);
    }

    @Override
    public int compareTo(Tag other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
