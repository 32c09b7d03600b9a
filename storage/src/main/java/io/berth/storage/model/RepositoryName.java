package io.berth.storage.model;

import io.berth.storage.error.NameInvalidException;
import java.util.regex.Pattern;

/** A validated repository name, following the distribution spec's grammar. */
public record RepositoryName(String value) implements Comparable<RepositoryName> {
    private static final String COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
    private static final Pattern GRAMMAR = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    /** ECR allows 256 characters; the spec asks clients to keep host plus name under 255. */
    public static final int MAX_LENGTH = 256;

    public RepositoryName {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !GRAMMAR.matcher(value).matches()) {
            throw new NameInvalidException("invalid repository name", value);
        }
    }

    public static RepositoryName of(String value) {
        return new RepositoryName(value);
    }

    @Override
    public int compareTo(RepositoryName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
