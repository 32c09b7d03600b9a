package io.berth.auth.policy;

import java.util.List;

/**
 * A statement's {@code Principal} (or, when {@code negated}, {@code NotPrincipal}) element.
 *
 * <p>{@code Principal} applies when any entry matches the caller (see {@link PolicyPrincipal#matches}).
 * {@code NotPrincipal} follows AWS's stricter reading: a caller is exempt only when each of its identities is
 * listed exactly, that is its account and its own ARN (the session ARN for a role session; a role ARN alone does
 * not exempt the role's sessions). Leaving out the account therefore leaves its users subject to the statement,
 * as AWS documents for NotPrincipal with Deny.
 */
public record PrincipalBlock(List<PolicyPrincipal> principals, boolean negated) {
    public PrincipalBlock {
        principals = List.copyOf(principals);
    }

    boolean appliesTo(RequestPrincipal caller) {
        if (!negated) {
            return principals.stream().anyMatch(principal -> principal.matches(caller));
        }
        return !exempts(caller);
    }

    private boolean exempts(RequestPrincipal caller) {
        if (principals.contains(PolicyPrincipal.anyone())) {
            return true;
        }
        return identities(caller).stream().allMatch(principals::contains);
    }

    /** Every identity AWS checks a caller against in NotPrincipal. */
    private static List<PolicyPrincipal> identities(RequestPrincipal caller) {
        if (caller.type() == RequestPrincipal.Type.SERVICE) {
            return List.of(new PolicyPrincipal(PolicyPrincipal.Type.SERVICE, caller.arn()));
        }
        PolicyPrincipal account = new PolicyPrincipal(PolicyPrincipal.Type.ACCOUNT, caller.accountId().orElseThrow());
        if (caller.type() == RequestPrincipal.Type.ACCOUNT_ROOT) {
            return List.of(account);
        }
        return List.of(account, new PolicyPrincipal(PolicyPrincipal.Type.AWS_ARN, caller.arn()));
    }
}
