package io.berth.auth.policy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides a request the way AWS does for identity and resource policies (no SCPs, permission boundaries or session
 * policies):
 * <ol>
 *   <li>a matching Deny in any policy denies (explicit deny);</li>
 *   <li>the account's root user is allowed on its own account's resources;</li>
 *   <li>within one account, a matching Allow in an identity policy or in a resource policy (repository or
 *       registry policy) whose Principal names the caller allows: the permissions are the union of both;</li>
 *   <li>across accounts, both an identity policy and a resource policy must allow;</li>
 *   <li>otherwise the request is implicitly denied.</li>
 * </ol>
 * {@code aws:CurrentTime} and {@code aws:EpochTime} come from the clock unless the request sets them.
 */
public final class PolicyEvaluator {
    private static final Decision ROOT_ALLOWED = new Decision(Decision.Outcome.ALLOW, List.of(),
            "the account root user has full access to its own account");

    private final Clock clock;

    public PolicyEvaluator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public PolicyEvaluator() {
        this(Clock.systemUTC());
    }

    public Decision evaluate(RequestContext request, PolicySet policies) {
        if (policies.isEmpty()) {
            return decideAllow(request, List.of(), List.of()); // no statement to match, no need of the time
        }
        RequestContext timed = request.withTime(clock);
        List<Match> matches = new ArrayList<>();
        policies.identityPolicies().forEach(policy ->
                collect(policy, StatementRef.Source.IDENTITY_POLICY, timed, matches));
        policies.repositoryPolicy().ifPresent(policy ->
                collect(policy, StatementRef.Source.REPOSITORY_POLICY, timed, matches));
        policies.registryPolicy().ifPresent(policy ->
                collect(policy, StatementRef.Source.REGISTRY_POLICY, timed, matches));

        List<Match> denies = matches.stream().filter(match -> match.effect() == Effect.DENY).toList();
        if (!denies.isEmpty()) {
            return new Decision(Decision.Outcome.EXPLICIT_DENY, refs(denies), "explicit deny in "
                    + kindOf(denies.get(0)).withArticle() + " policy");
        }
        List<Match> identityAllows = allows(matches, true);
        List<Match> resourceAllows = allows(matches, false);
        return decideAllow(timed, identityAllows, resourceAllows);
    }

    private static Decision decideAllow(RequestContext request, List<Match> identityAllows,
            List<Match> resourceAllows) {
        boolean root = request.principal().type() == RequestPrincipal.Type.ACCOUNT_ROOT;
        boolean identityAllowed = root || !identityAllows.isEmpty();
        boolean resourceAllowed = !resourceAllows.isEmpty();
        boolean allowed = crossAccount(request)
                ? identityAllowed && resourceAllowed
                : identityAllowed || resourceAllowed;
        if (!allowed) {
            String missing = identityAllowed ? PolicyKind.RESOURCE.description()
                    : PolicyKind.IDENTITY.description();
            return new Decision(Decision.Outcome.IMPLICIT_DENY, List.of(),
                    "no " + missing + " policy allows the " + request.action() + " action");
        }
        if (identityAllows.isEmpty() && resourceAllows.isEmpty()) {
            return ROOT_ALLOWED; // the common case of every request the root user makes: nothing to collect
        }
        List<Match> deciding = new ArrayList<>(identityAllows);
        deciding.addAll(resourceAllows);
        return new Decision(Decision.Outcome.ALLOW, refs(deciding),
                "allowed by " + allowedBy(!identityAllows.isEmpty(), resourceAllowed));
    }

    private static boolean crossAccount(RequestContext request) {
        Optional<String> callerAccount = request.principal().accountId();
        Optional<String> resourceAccount = request.resourceAccount();
        return callerAccount.isPresent() && resourceAccount.isPresent()
                && !callerAccount.get().equals(resourceAccount.get());
    }

    private static String allowedBy(boolean identity, boolean resource) {
        if (identity && resource) {
            return "identity-based and resource-based policies";
        }
        return identity ? "an identity-based policy" : "a resource-based policy";
    }

    private static void collect(NamedPolicy policy, StatementRef.Source source, RequestContext request,
            List<Match> matches) {
        PolicyVariables variables = new PolicyVariables(request, policy.document().version());
        for (Statement statement : policy.document().statements()) {
            if (statement.appliesTo(request, variables)) {
                StatementRef ref = new StatementRef(policy.name(), source, statement.sid(), statement.index());
                matches.add(new Match(ref, statement.effect()));
            }
        }
    }

    private static List<Match> allows(List<Match> matches, boolean identity) {
        return matches.stream()
                .filter(match -> match.effect() == Effect.ALLOW)
                .filter(match -> (match.ref().source() == StatementRef.Source.IDENTITY_POLICY) == identity)
                .toList();
    }

    private static PolicyKind kindOf(Match match) {
        return match.ref().source() == StatementRef.Source.IDENTITY_POLICY ? PolicyKind.IDENTITY
                : PolicyKind.RESOURCE;
    }

    private static List<StatementRef> refs(List<Match> matches) {
        return matches.stream().map(Match::ref).toList();
    }

    private record Match(StatementRef ref, Effect effect) {
    }
}
