package io.berth.auth.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Substitutes policy variables in a Resource or condition value, as IAM does for 2012-10-17 documents:
 * {@code ${aws:username}} and any other context key ({@code ${aws:PrincipalTag/team}}), a default after a comma
 * ({@code ${aws:username, 'nobody'}}, with {@code ''} for a quote inside it), and the escapes {@code ${*}},
 * {@code ${?}}, {@code ${$}} for a literal character. A variable whose key is absent or has several values, and has
 * no default, cannot be resolved: the value then matches nothing ("there is no equal or like value").
 * Substitution is done once; values are never expanded again. A {@code ${} without a closing brace stays as text.
 */
record PolicyVariables(RequestContext request, PolicyVersion version) {
    private static final String OPEN = "${";

    /** The value as pattern pieces, or empty when a variable in it cannot be resolved. */
    Optional<List<PatternPiece>> expand(String raw) {
        if (!version.supportsVariables() || !raw.contains(OPEN)) {
            return Optional.of(List.of(PatternPiece.pattern(raw)));
        }
        List<PatternPiece> pieces = new ArrayList<>();
        int from = 0;
        while (from < raw.length()) {
            int open = raw.indexOf(OPEN, from);
            int close = open < 0 ? -1 : raw.indexOf('}', open + OPEN.length());
            if (open < 0 || close < 0) {
                pieces.add(PatternPiece.pattern(raw.substring(from)));
                break;
            }
            if (open > from) {
                pieces.add(PatternPiece.pattern(raw.substring(from, open)));
            }
            Optional<String> value = resolve(raw.substring(open + OPEN.length(), close));
            if (value.isEmpty()) {
                return Optional.empty();
            }
            pieces.add(PatternPiece.literal(value.get()));
            from = close + 1;
        }
        return Optional.of(pieces);
    }

    /** The value as plain text (for the equality operators), or empty when it cannot be resolved. */
    Optional<String> expandToText(String raw) {
        return expand(raw).map(GlobPattern::joined);
    }

    private Optional<String> resolve(String body) {
        switch (body) {
            case "*", "?", "$":
                return Optional.of(body);
            default:
                break;
        }
        int comma = body.indexOf(',');
        String key = (comma < 0 ? body : body.substring(0, comma)).trim();
        Optional<String> value = request.singleValue(key);
        if (value.isPresent() || comma < 0) {
            return value;
        }
        return defaultValue(body.substring(comma + 1).trim());
    }

    private static Optional<String> defaultValue(String quoted) {
        if (quoted.length() < 2 || quoted.charAt(0) != '\'' || quoted.charAt(quoted.length() - 1) != '\'') {
            return Optional.empty();
        }
        return Optional.of(quoted.substring(1, quoted.length() - 1).replace("''", "'"));
    }
}
