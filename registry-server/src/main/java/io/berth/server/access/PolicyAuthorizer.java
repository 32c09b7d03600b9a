package io.berth.server.access;

import io.berth.auth.identity.Identities;
import io.berth.auth.identity.RegistryPolicy;
import io.berth.auth.policy.Decision;
import io.berth.auth.policy.NamedPolicy;
import io.berth.auth.policy.PolicyEvaluator;
import io.berth.auth.policy.PolicySet;
import io.berth.auth.policy.RequestContext;
import io.berth.auth.policy.RequestPrincipal;
import io.berth.storage.meta.RepositoryStore;
import io.berth.storage.model.RepositoryName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorizes with IAM's evaluation logic: the caller's identity policies, the repository policy of the
 * repository in question and the registry policy. The account root is allowed whatever its policies say, except
 * where a resource policy denies it explicitly. In dry-run mode a denial is logged and the request goes on.
 */
public final class PolicyAuthorizer implements Authorizer {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyAuthorizer.class);
    private static final String REPOSITORY_ARN = ":repository/";

    private final Identities identities;
    private final RepositoryStore repositories;
    private final RegistryPolicy registryPolicy;
    private final PolicyEvaluator evaluator;
    private final boolean dryRun;
    private final PolicyCache cache = new PolicyCache();

    public PolicyAuthorizer(Identities identities, RepositoryStore repositories, RegistryPolicy registryPolicy,
                            PolicyEvaluator evaluator, boolean dryRun) {
        this.identities = identities;
        this.repositories = repositories;
        this.registryPolicy = registryPolicy;
        this.evaluator = evaluator;
        this.dryRun = dryRun;
    }

    @Override
    public void authorize(RequestPrincipal principal, String action, String resource,
                          Map<String, List<String>> context) {
        authorize(principal, action, resource, context, policiesFor(principal, resource));
    }

    /**
     * Like {@link #authorize(RequestPrincipal, String, String, Map)} with the policies already at hand: reads
     * nothing from the store, so it may run on an event loop.
     *
     * @param policies what {@link #policiesFor} returned for this principal and resource
     */
    public void authorize(RequestPrincipal principal, String action, String resource,
                          Map<String, List<String>> context, PolicySet policies) {
        RequestContext request = new RequestContext(principal, action, resource, context);
        Decision decision = decide(request, policies);
        if (decision.allowed()) {
            return;
        }
        String message = decision.accessDeniedMessage(request);
        if (dryRun) {
            LOG.warn("dry run: would deny: {}", message);
            return;
        }
        throw new AccessDeniedException(message, action);
    }

    @Override
    public boolean allows(RequestPrincipal principal, String action, String resource,
                          Map<String, List<String>> context) {
        return decide(new RequestContext(principal, action, resource, context)).allowed();
    }

    /** The decision for a request, with the statements that made it (for simulation and explanations). */
    public Decision decide(RequestContext request) {
        return decide(request, policiesFor(request.principal(), request.resource()));
    }

    private Decision decide(RequestContext request, PolicySet policies) {
        RequestPrincipal principal = request.principal();
        Decision decision = evaluator.evaluate(request, policies);
        if (isOwnRoot(principal) && decision.outcome() != Decision.Outcome.EXPLICIT_DENY) {
            return new Decision(Decision.Outcome.ALLOW, decision.statements(), "the account root");
        }
        return decision;
    }

    /**
     * Every policy that applies to the principal on the resource: its identity policies, the repository's policy
     * and the registry policy. Blocking (reads the store).
     */
    public PolicySet policiesFor(RequestPrincipal principal, String resource) {
        List<NamedPolicy> identity = identities.policiesOf(principal).stream()
                .map(policy -> cache.identity(policy.name(), policy.document())).toList();
        PolicySet set = PolicySet.identity(identity);
        Optional<String> repositoryPolicy = repositoryOf(resource)
                .flatMap(name -> repositories.find(name)).map(record -> record.policy());
        if (repositoryPolicy.isPresent()) {
            set = set.withRepositoryPolicy(cache.resource("repository policy", repositoryPolicy.get()));
        }
        Optional<String> registry = registryPolicy.get();
        if (registry.isPresent()) {
            set = set.withRegistryPolicy(cache.resource("registry policy", registry.get()));
        }
        return set;
    }

    private boolean isOwnRoot(RequestPrincipal principal) {
        return principal.type() == RequestPrincipal.Type.ACCOUNT_ROOT
                && principal.accountId().equals(Optional.of(identities.account().accountId()));
    }

    /** The repository a repository ARN names, if it is one of this account's. */
    private Optional<RepositoryName> repositoryOf(String resource) {
        int at = resource.indexOf(REPOSITORY_ARN);
        if (at < 0 || !resource.startsWith("arn:aws:ecr:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(RepositoryName.of(resource.substring(at + REPOSITORY_ARN.length())));
        } catch (RuntimeException notARepository) {
            return Optional.empty();
        }
    }
}
