package io.berth.auth.policy;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Evaluates a statement's conditions against a request, following IAM's documented logic:
 * <ul>
 *   <li>all clauses must hold (operators and keys are AND-ed); a clause holds when any of its values matches
 *       (values are OR-ed), or, for a negated operator, when none does (NOR);</li>
 *   <li>a key missing from the request makes a clause false, except: {@code ...IfExists} is then true, a negated
 *       operator is then true, {@code ForAllValues:} is then true (an empty set), {@code ForAnyValue:} is then
 *       false, and {@code Null} tests exactly that presence;</li>
 *   <li>{@code ForAllValues:} holds when every request value satisfies the operator, {@code ForAnyValue:} when at
 *       least one does; for a negated operator "satisfies" means "matches none of the policy values".</li>
 * </ul>
 */
final class ConditionEvaluator {
    private ConditionEvaluator() {
    }

    static boolean allHold(List<ConditionClause> clauses, RequestContext request, PolicyVariables variables) {
        return clauses.stream().allMatch(clause -> holds(clause, request, variables));
    }

    static boolean holds(ConditionClause clause, RequestContext request, PolicyVariables variables) {
        ConditionOperator operator = clause.operator();
        List<String> requestValues = request.values(clause.key());
        if (operator.base() == BaseOperator.NULL) {
            return nullCheck(!requestValues.isEmpty(), clause.values());
        }
        if (requestValues.isEmpty()) {
            return whenMissing(operator);
        }
        Predicate<String> matchesAnyPolicyValue = requestValue -> clause.values().stream()
                .anyMatch(policyValue -> operator.base().test().matches(requestValue, policyValue, variables));
        boolean negated = operator.base().negated();
        Predicate<String> satisfies = negated ? matchesAnyPolicyValue.negate() : matchesAnyPolicyValue;
        return switch (operator.setOperator()) {
            case NONE -> negated
                    ? requestValues.stream().noneMatch(matchesAnyPolicyValue)
                    : requestValues.stream().anyMatch(matchesAnyPolicyValue);
            case FOR_ANY_VALUE -> requestValues.stream().anyMatch(satisfies);
            case FOR_ALL_VALUES -> requestValues.stream().allMatch(satisfies);
        };
    }

    private static boolean whenMissing(ConditionOperator operator) {
        if (operator.ifExists()) {
            return true;
        }
        return switch (operator.setOperator()) {
            case FOR_ALL_VALUES -> true;
            case FOR_ANY_VALUE -> false;
            case NONE -> operator.base().negated();
        };
    }

    /** {@code "Null": {"key": "true"}} holds when the key is absent; {@code "false"} when it is present. */
    private static boolean nullCheck(boolean present, List<String> policyValues) {
        return policyValues.stream().map(value -> value.toLowerCase(Locale.ROOT)).anyMatch(value ->
                (value.equals("true") && !present) || (value.equals("false") && present));
    }
}
