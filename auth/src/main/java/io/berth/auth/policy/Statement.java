package io.berth.auth.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated statement of a policy document.
 *
 * @param index the statement's position in the document, from 0
 * @param sid the {@code Sid}, when given
 * @param principal the {@code Principal}/{@code NotPrincipal} element; present exactly in resource policies
 */
public record Statement(int index, Optional<String> sid, Effect effect, Optional<PrincipalBlock> principal,
        ActionBlock actions, ResourceBlock resources, List<ConditionClause> conditions) {

    public Statement {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(resources, "resources");
        conditions = List.copyOf(conditions);
    }

    /**
     * Whether this statement applies to the request: its action, resource, principal (for resource policies) and
     * every condition match.
     */
    boolean appliesTo(RequestContext request, PolicyVariables variables) {
        return actions.appliesTo(request.action())
                && resources.appliesTo(request.resource(), variables)
                && principal.map(block -> block.appliesTo(request.principal())).orElse(true)
                && ConditionEvaluator.allHold(conditions, request, variables);
    }
}
