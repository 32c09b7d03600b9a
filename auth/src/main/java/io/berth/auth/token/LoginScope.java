package io.berth.auth.token;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a login password may be used for, on top of the principal's own permissions: the repositories it reaches
 * (name patterns where {@code *} matches any run of characters, slashes included; no patterns means every
 * repository) and whether it may only pull. Long-lived cluster pull credentials use both.
 */
public record LoginScope(List<String> repositoryPatterns, boolean pullOnly) {
    /** No restriction beyond the principal's permissions. */
    public static final LoginScope UNRESTRICTED = new LoginScope(List.of(), false);
    /** Enough for a cluster's namespaces while keeping the password small (see LoginTokenCodec). */
    public static final int MAX_PATTERNS = 50;
    /** ECR repository names are at most 256 characters. */
    public static final int MAX_PATTERN_LENGTH = 256;
    /** Repository-name characters plus the wildcard. */
    private static final Pattern PATTERN_SYNTAX = Pattern.compile("[a-z0-9._/*-]+");

    public LoginScope {
        repositoryPatterns = List.copyOf(repositoryPatterns);
        if (repositoryPatterns.size() > MAX_PATTERNS) {
            throw new IllegalArgumentException("at most " + MAX_PATTERNS + " repository patterns, got "
                    + repositoryPatterns.size());
        }
        for (String pattern : repositoryPatterns) {
            if (pattern.length() > MAX_PATTERN_LENGTH || !PATTERN_SYNTAX.matcher(pattern).matches()) {
                throw new IllegalArgumentException("invalid repository pattern '" + pattern + "'");
            }
        }
    }

    /** Pull-only access to the repositories matching {@code patterns}. */
    public static LoginScope pullOnly(List<String> patterns) {
        return new LoginScope(patterns, true);
    }

    public boolean unrestricted() {
        return repositoryPatterns.isEmpty() && !pullOnly;
    }

    /** Whether the password may be used on {@code repositoryName} at all. */
    public boolean allowsRepository(String repositoryName) {
        Objects.requireNonNull(repositoryName, "repositoryName");
        return repositoryPatterns.isEmpty()
                || repositoryPatterns.stream().anyMatch(pattern -> matches(pattern, repositoryName));
    }

    /** Whether the password may push (and delete), not only pull. */
    public boolean allowsPush() {
        return !pullOnly;
    }

    /** Glob match with {@code *} only, by backtracking to the last star: linear in practice, no regex. */
    static boolean matches(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == name.charAt(n) && pattern.charAt(p) != '*') {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
