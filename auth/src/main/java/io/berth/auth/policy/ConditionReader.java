package io.berth.auth.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a statement's {@code Condition} element: an object of operators, each an object of context keys, each a
 * string, number or boolean or a list of them. An unknown operator is a syntax error unless its block is empty,
 * which IAM accepts (and which then tests nothing).
 */
final class ConditionReader {
    private ConditionReader() {
    }

    static List<ConditionClause> read(JsonNode condition, String where) {
        if (condition == null) {
            return List.of();
        }
        if (!condition.isObject()) {
            throw PolicyErrors.syntax(where + ": Condition is not a JSON object");
        }
        List<ConditionClause> clauses = new ArrayList<>();
        for (Map.Entry<String, JsonNode> block : condition.properties()) {
            String operatorName = block.getKey();
            if (!block.getValue().isObject()) {
                throw PolicyErrors.syntax(where + ": condition " + operatorName + " is not a JSON object");
            }
            Optional<ConditionOperator> operator = ConditionOperator.parse(operatorName);
            if (operator.isEmpty() && !block.getValue().isEmpty()) {
                throw PolicyErrors.syntax(where + " uses the unsupported condition operator " + operatorName);
            }
            for (Map.Entry<String, JsonNode> key : block.getValue().properties()) {
                List<String> values = values(key.getValue(), where + ": condition key " + key.getKey());
                operator.ifPresent(op -> clauses.add(new ConditionClause(op, key.getKey(), values)));
            }
        }
        return clauses;
    }

    private static List<String> values(JsonNode value, String where) {
        if (isScalar(value)) {
            return List.of(value.asText());
        }
        if (!value.isArray()) {
            throw PolicyErrors.syntax(where + " has a value that is neither a scalar nor a list");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode entry : value) {
            if (!isScalar(entry)) {
                throw PolicyErrors.syntax(where + " lists something other than a string, number or boolean");
            }
            values.add(entry.asText());
        }
        return values;
    }

    private static boolean isScalar(JsonNode node) {
        return node.isTextual() || node.isNumber() || node.isBoolean();
    }
}
