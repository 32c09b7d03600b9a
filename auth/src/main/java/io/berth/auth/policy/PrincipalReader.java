package io.berth.auth.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a resource policy's {@code Principal}/{@code NotPrincipal}: {@code "*"}, or an object with {@code AWS}
 * (account ids, account root ARNs, IAM user and role ARNs, role session ARNs, or {@code "*"}), {@code Service},
 * {@code Federated} or {@code CanonicalUser}, each a string or a list of strings. Anything else is "Invalid
 * principal in policy"; like AWS, wildcards are refused inside ARNs.
 */
final class PrincipalReader {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ROOT_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):root");
    private static final Pattern ENTITY_ARN = Pattern.compile(
            "arn:aws[a-z-]*:(iam::\\d{12}:(user|role)/.+|sts::\\d{12}:(assumed-role/[^/]+/.+|federated-user/.+))");

    private PrincipalReader() {
    }

    static PrincipalBlock read(JsonNode node, boolean negated, int index) {
        String where = "statement " + index;
        if (node.isTextual() && node.asText().equals("*")) {
            return new PrincipalBlock(List.of(PolicyPrincipal.anyone()), negated);
        }
        if (!node.isObject() || node.isEmpty()) {
            throw invalid(where + ": the principal is neither \"*\" nor an object of principal types");
        }
        List<PolicyPrincipal> principals = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            for (String value : values(entry.getValue(), where)) {
                principals.add(principal(entry.getKey(), value, where));
            }
        }
        return new PrincipalBlock(principals, negated);
    }

    private static PolicyPrincipal principal(String type, String value, String where) {
        return switch (type) {
            case "AWS" -> aws(value, where);
            case "Service" -> plain(PolicyPrincipal.Type.SERVICE, value, where);
            case "Federated" -> plain(PolicyPrincipal.Type.FEDERATED, value, where);
            case "CanonicalUser" -> plain(PolicyPrincipal.Type.CANONICAL_USER, value, where);
            default -> throw invalid(where + ": unknown principal type " + type);
        };
    }

    private static PolicyPrincipal aws(String value, String where) {
        if (value.equals("*")) {
            return PolicyPrincipal.anyone();
        }
        if (ACCOUNT_ID.matcher(value).matches()) {
            return new PolicyPrincipal(PolicyPrincipal.Type.ACCOUNT, value);
        }
        var root = ROOT_ARN.matcher(value);
        if (root.matches()) {
            return new PolicyPrincipal(PolicyPrincipal.Type.ACCOUNT, root.group(1));
        }
        if (ENTITY_ARN.matcher(value).matches() && value.indexOf('*') < 0 && value.indexOf('?') < 0) {
            return new PolicyPrincipal(PolicyPrincipal.Type.AWS_ARN, value);
        }
        throw invalid(where + ": " + value + " is not an account, user, role or role session");
    }

    private static PolicyPrincipal plain(PolicyPrincipal.Type type, String value, String where) {
        if (value.isBlank() || value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
            throw invalid(where + ": " + value + " is not a valid " + type + " principal");
        }
        return new PolicyPrincipal(type, value);
    }

    private static List<String> values(JsonNode node, String where) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray() && !node.isEmpty()) {
            for (JsonNode entry : node) {
                if (!entry.isTextual()) {
                    throw invalid(where + ": a principal list holds something other than a string");
                }
                values.add(entry.asText());
            }
        } else {
            throw invalid(where + ": a principal is neither a string nor a non-empty list of strings");
        }
        return values;
    }

    private static MalformedPolicyDocumentException invalid(String detail) {
        return PolicyErrors.of(PolicyErrors.INVALID_PRINCIPAL, detail);
    }
}
