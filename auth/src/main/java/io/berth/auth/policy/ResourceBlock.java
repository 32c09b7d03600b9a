package io.berth.auth.policy;

import java.util.List;

/**
 * A statement's {@code Resource} (or, when {@code negated}, {@code NotResource}) element. Resources match
 * case-sensitively with IAM's ARN wildcard rules (see {@link GlobPattern.Mode#RESOURCE}) after policy variables
 * are substituted. A resource policy statement without either element is {@code implied}: it applies to the
 * resource the policy is attached to.
 */
public record ResourceBlock(List<String> patterns, boolean negated, boolean implied) {
    public ResourceBlock {
        patterns = List.copyOf(patterns);
    }

    static ResourceBlock impliedByAttachment() {
        return new ResourceBlock(List.of(), false, true);
    }

    boolean appliesTo(String resource, PolicyVariables variables) {
        if (implied) {
            return true;
        }
        boolean listed = patterns.stream().anyMatch(pattern -> variables.expand(pattern)
                .map(pieces -> GlobPattern.compile(pieces, GlobPattern.Mode.RESOURCE, false).matches(resource))
                .orElse(false));
        return negated != listed;
    }
}
