package io.berth.auth.policy;

import java.util.List;

/**
 * A statement's {@code Action} (or, when {@code negated}, {@code NotAction}) element. Actions match
 * case-insensitively, with {@code *} and {@code ?} wildcards ({@code ecr:Get*}, {@code *}).
 */
public record ActionBlock(List<String> patterns, boolean negated) {
    public ActionBlock {
        patterns = List.copyOf(patterns);
    }

    boolean appliesTo(String action) {
        boolean listed = patterns.stream().anyMatch(pattern -> GlobPattern.text(pattern, true).matches(action));
        return negated != listed;
    }
}
