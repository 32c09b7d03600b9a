package io.berth.storage.model;

import io.berth.storage.error.NameInvalidException;

/**
 * A validated repository name, following the distribution spec's grammar: components of {@code [a-z0-9]+} joined
 * by {@code .}, {@code _}, {@code __} or runs of {@code -}, separated by {@code /}. Checked by hand rather than
 * with the equivalent regular expression: names are checked on every request, and the expression showed in
 * profiles (a test checks both agree).
 */
public record RepositoryName(String value) implements Comparable<RepositoryName> {
    /** ECR allows 256 characters; the spec asks clients to keep host plus name under 255. */
    public static final int MAX_LENGTH = 256;

    public RepositoryName {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !isName(value)) {
            throw new NameInvalidException("invalid repository name", value);
        }
    }

    private static boolean isName(String value) {
        int start = 0;
        while (true) {
            int slash = value.indexOf('/', start);
            int end = slash < 0 ? value.length() : slash;
            if (!isComponent(value, start, end)) {
                return false;
            }
            if (slash < 0) {
                return true;
            }
            start = slash + 1;
        }
    }

    /** {@code [a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*} over {@code value[from, to)}. */
    private static boolean isComponent(String value, int from, int to) {
        int i = from;
        while (true) {
            int run = i;
            while (i < to && isLowerAlphanumeric(value.charAt(i))) {
                i++;
            }
            if (i == run) {
                return false; // a component and every separator are followed by [a-z0-9]
            }
            if (i == to) {
                return true;
            }
            char separator = value.charAt(i++);
            if (separator == '_') {
                if (i < to && value.charAt(i) == '_') {
                    i++;
                }
            } else if (separator == '-') {
                while (i < to && value.charAt(i) == '-') {
                    i++;
                }
            } else if (separator != '.') {
                return false;
            }
        }
    }

    private static boolean isLowerAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
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
