package io.berth.auth.policy;

/**
 * A run of text in a pattern after policy variables are substituted. Literal pieces come from variable values and
 * from the escapes {@code ${*}}, {@code ${?}} and {@code ${$}}: their {@code *} and {@code ?} match only themselves.
 */
record PatternPiece(String text, boolean literal) {
    static PatternPiece pattern(String text) {
        return new PatternPiece(text, false);
    }

    static PatternPiece literal(String text) {
        return new PatternPiece(text, true);
    }
}
