package io.berth.auth.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the JSON shape of one statement and reads it into a {@link RawStatement}. Every shape error is IAM's
 * "Syntax errors in policy.", except a principal in an identity policy, which IAM names.
 */
final class StatementReader {
    private static final Set<String> ELEMENTS =
            Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_ELEMENTS = Set.of("Principal", "NotPrincipal");

    private final PolicyKind kind;

    StatementReader(PolicyKind kind) {
        this.kind = kind;
    }

    RawStatement read(JsonNode node, int index) {
        String where = "statement " + index;
        if (!node.isObject()) {
            throw PolicyErrors.syntax(where + " is not a JSON object");
        }
        if (kind == PolicyKind.IDENTITY && PRINCIPAL_ELEMENTS.stream().anyMatch(node::has)) {
            throw PolicyErrors.of(PolicyErrors.PRINCIPAL_IN_IDENTITY_POLICY, where + " names a principal");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            boolean known = ELEMENTS.contains(name)
                    || (kind == PolicyKind.RESOURCE && PRINCIPAL_ELEMENTS.contains(name));
            if (!known) {
                throw PolicyErrors.syntax(where + " has an unknown element " + name);
            }
        }
        requireAtMostOne(node, "Action", "NotAction", where);
        requireAtMostOne(node, "Resource", "NotResource", where);
        requireAtMostOne(node, "Principal", "NotPrincipal", where);
        return new RawStatement(index, optionalText(node, "Sid", where), effect(node, where),
                Optional.ofNullable(node.has("Principal") ? node.get("Principal") : node.get("NotPrincipal")),
                node.has("NotPrincipal"),
                strings(node, node.has("NotAction") ? "NotAction" : "Action", where), node.has("NotAction"),
                strings(node, node.has("NotResource") ? "NotResource" : "Resource", where), node.has("NotResource"),
                ConditionReader.read(node.get("Condition"), where));
    }

    private static void requireAtMostOne(JsonNode node, String element, String negated, String where) {
        if (node.has(element) && node.has(negated)) {
            throw PolicyErrors.syntax(where + " has both " + element + " and " + negated);
        }
    }

    /** The Effect text; its exact case is checked later, as IAM's legacy parser does. */
    private static String effect(JsonNode node, String where) {
        JsonNode effect = node.get("Effect");
        if (effect == null || !effect.isTextual()) {
            throw PolicyErrors.syntax(where + " has no Effect string");
        }
        String text = effect.asText();
        if (!text.equalsIgnoreCase(Effect.ALLOW.text()) && !text.equalsIgnoreCase(Effect.DENY.text())) {
            throw PolicyErrors.syntax(where + " has the invalid Effect " + text);
        }
        return text;
    }

    private static Optional<String> optionalText(JsonNode node, String element, String where) {
        JsonNode value = node.get(element);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw PolicyErrors.syntax(where + ": " + element + " is not a string");
        }
        return Optional.of(value.asText());
    }

    /** A string or a list of strings. */
    static Optional<List<String>> strings(JsonNode node, String element, String where) {
        JsonNode value = node.get(element);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return Optional.of(List.of(value.asText()));
        }
        if (!value.isArray()) {
            throw PolicyErrors.syntax(where + ": " + element + " is neither a string nor a list of strings");
        }
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : value) {
            if (!entry.isTextual()) {
                throw PolicyErrors.syntax(where + ": " + element + " holds something other than a string");
            }
            entries.add(entry.asText());
        }
        return Optional.of(entries);
    }
}
