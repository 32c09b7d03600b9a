package io.berth.server.aws.sts;

import io.berth.auth.identity.Identities;
import io.berth.auth.identity.Records.Role;
import io.berth.auth.policy.Decision;
import io.berth.auth.policy.MalformedPolicyDocumentException;
import io.berth.auth.policy.NamedPolicy;
import io.berth.auth.policy.PolicyDocument;
import io.berth.auth.policy.PolicyEvaluator;
import io.berth.auth.policy.PolicyPrincipal;
import io.berth.auth.policy.PolicySet;
import io.berth.auth.policy.RequestContext;
import io.berth.auth.policy.RequestPrincipal;
import io.berth.auth.policy.Statement;
import io.berth.server.aws.query.QueryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides {@code sts:AssumeRole} as AWS does. The role's trust policy must allow the caller, and no trust or
 * identity policy may deny. Within the account, a trust policy that names the caller itself (its user ARN, its
 * role or session ARN, or {@code *}) is enough; one that trusts only the account delegates the decision to the
 * account, so an identity policy of the caller must allow {@code sts:AssumeRole} on the role too. The root user
 * cannot assume roles. (Berth serves one account, so there are no cross-account callers, which would always need
 * both.)
 */
final class RoleTrust {
    static final String ACTION = "sts:AssumeRole";
    private static final String TRUST_POLICY = "trust policy";

    private final Identities identities;
    private final PolicyEvaluator evaluator;

    RoleTrust(Identities identities, PolicyEvaluator evaluator) {
        this.identities = identities;
        this.evaluator = evaluator;
    }

    /**
     * @param roleArn the role's ARN as the caller named it (with the role's path)
     * @param context request condition keys, {@code sts:RoleSessionName} and {@code sts:ExternalId} included
     * @throws QueryException AccessDenied when the caller may not assume the role
     */
    void check(RequestPrincipal caller, Role role, String roleArn, Map<String, List<String>> context) {
        if (caller.type() == RequestPrincipal.Type.ACCOUNT_ROOT) {
            throw QueryException.accessDenied("Roles may not be assumed by root accounts.");
        }
        RequestContext request = new RequestContext(caller, ACTION, roleArn, context);
        PolicyDocument trust = parseTrust(role).orElseThrow(() -> denied(caller, roleArn));
        Decision trusted = evaluator.evaluate(request, new PolicySet(List.of(),
                Optional.of(new NamedPolicy(TRUST_POLICY, trust)), Optional.empty()));
        Decision identity = evaluator.evaluate(request, PolicySet.identity(identityPolicies(caller)));
        if (!trusted.allowed() || identity.outcome() == Decision.Outcome.EXPLICIT_DENY) {
            throw denied(caller, roleArn);
        }
        boolean namedDirectly = trusted.statements().stream()
                .anyMatch(ref -> namesCaller(trust.statements().get(ref.index()), caller));
        if (!namedDirectly && !identity.allowed()) {
            throw denied(caller, roleArn);
        }
    }

    private static boolean namesCaller(Statement statement, RequestPrincipal caller) {
        return statement.principal().filter(block -> !block.negated()).map(block -> block.principals().stream()
                .anyMatch(principal -> principal.type() == PolicyPrincipal.Type.ANYONE
                        || (principal.type() == PolicyPrincipal.Type.AWS_ARN
                        && (principal.value().equals(caller.arn()) || principal.value().equals(caller.entityArn())))))
                .orElse(false);
    }

    private static Optional<PolicyDocument> parseTrust(Role role) {
        try {
            return Optional.of(PolicyDocument.parseResource(role.trustPolicy()));
        } catch (MalformedPolicyDocumentException storedBeforeStricterChecks) {
            return Optional.empty();
        }
    }

    /** The caller's identity policies, parsed; a stored document the engine now refuses grants nothing. */
    private List<NamedPolicy> identityPolicies(RequestPrincipal caller) {
        List<NamedPolicy> parsed = new ArrayList<>();
        for (Identities.NamedPolicy policy : identities.policiesOf(caller)) {
            try {
                parsed.add(new NamedPolicy(policy.name(), PolicyDocument.parseIdentity(policy.document())));
            } catch (MalformedPolicyDocumentException storedBeforeStricterChecks) {
                // skipped: it cannot allow anything
            }
        }
        return parsed;
    }

    static QueryException denied(RequestPrincipal caller, String roleArn) {
        return QueryException.accessDenied("User: " + caller.arn() + " is not authorized to perform: " + ACTION
                + " on resource: " + roleArn);
    }
}
