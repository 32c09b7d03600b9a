package io.berth.auth.policy;

import java.util.List;
import java.util.Objects;

/** One key of a condition block: {@code "StringEquals": {"aws:username": ["a", "b"]}} gives one clause. */
public record ConditionClause(ConditionOperator operator, String key, List<String> values) {
    public ConditionClause {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
    }
}
