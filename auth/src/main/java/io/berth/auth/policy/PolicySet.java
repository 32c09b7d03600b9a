package io.berth.auth.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every policy that applies to one request: the caller's identity policies (inline and attached managed policies
 * of the user or role, and of the user's groups), the repository policy of the repository in question, and the
 * registry policy.
 */
public record PolicySet(List<NamedPolicy> identityPolicies, Optional<NamedPolicy> repositoryPolicy,
        Optional<NamedPolicy> registryPolicy) {

    public PolicySet {
        identityPolicies = List.copyOf(identityPolicies);
        Objects.requireNonNull(repositoryPolicy, "repositoryPolicy");
        Objects.requireNonNull(registryPolicy, "registryPolicy");
        identityPolicies.forEach(policy -> requireKind(policy, PolicyKind.IDENTITY));
        repositoryPolicy.ifPresent(policy -> requireKind(policy, PolicyKind.RESOURCE));
        registryPolicy.ifPresent(policy -> requireKind(policy, PolicyKind.RESOURCE));
    }

    public static PolicySet identity(List<NamedPolicy> identityPolicies) {
        return new PolicySet(identityPolicies, Optional.empty(), Optional.empty());
    }

    /** True when there is no policy at all, so no statement can match. */
    public boolean isEmpty() {
        return identityPolicies.isEmpty() && repositoryPolicy.isEmpty() && registryPolicy.isEmpty();
    }

    public PolicySet withRepositoryPolicy(NamedPolicy policy) {
        return new PolicySet(identityPolicies, Optional.of(policy), registryPolicy);
    }

    public PolicySet withRegistryPolicy(NamedPolicy policy) {
        return new PolicySet(identityPolicies, repositoryPolicy, Optional.of(policy));
    }

    private static void requireKind(NamedPolicy policy, PolicyKind kind) {
        if (policy.document().kind() != kind) {
            throw new IllegalArgumentException("policy " + policy.name() + " is not a " + kind.description()
                    + " policy");
        }
    }
}
