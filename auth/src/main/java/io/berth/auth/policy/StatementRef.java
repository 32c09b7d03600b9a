package io.berth.auth.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * Points at the statement that decided a request: which policy, what kind of policy, and the statement's Sid or
 * position.
 */
public record StatementRef(String policyName, Source source, Optional<String> sid, int index) {
    public enum Source { IDENTITY_POLICY, REPOSITORY_POLICY, REGISTRY_POLICY }

    public StatementRef {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sid, "sid");
    }

    @Override
    public String toString() {
        return policyName + "#" + sid.orElse("statement[" + index + "]");
    }
}
