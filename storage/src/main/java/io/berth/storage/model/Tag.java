package io.berth.storage.model;

import io.berth.storage.error.TagInvalidException;
import java.util.regex.Pattern;

/** A validated tag: {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}. */
public record Tag(String value) implements Comparable<Tag> {
    private static final Pattern GRAMMAR = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    public Tag {
        if (value == null || !GRAMMAR.matcher(value).matches()) {
            throw new TagInvalidException("invalid tag", value);
        }
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
