package io.berth.auth.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled wildcard pattern ({@code *} any run of characters, {@code ?} any one character). Matching is dynamic
 * programming over the input, so a hostile pattern such as {@code *a*a*a*b} costs patterns × input steps, never an
 * exponential search.
 *
 * <p>The mode decides where wildcards may cross a colon, following IAM's ARN rules:
 * <ul>
 *   <li>{@link Mode#TEXT}: anywhere (actions, {@code StringLike});</li>
 *   <li>{@link Mode#RESOURCE}: in the first five ARN segments a wildcard stays inside its segment, except a
 *       {@code *} that ends a segment, which may run on past colons; in the sixth (resource) segment anything goes
 *       (the Resource element);</li>
 *   <li>{@link Mode#ARN_CONDITION}: each of the six segments is compared on its own ({@code ArnLike},
 *       {@code ArnEquals}); both sides must have all six.</li>
 * </ul>
 */
record GlobPattern(List<Token> tokens, Mode mode, boolean ignoreCase) {
    /** Colons that separate the six ARN segments: arn:partition:service:region:account:resource. */
    private static final int ARN_SEPARATORS = 5;

    enum Mode { TEXT, RESOURCE, ARN_CONDITION }

    enum Kind { LITERAL, ONE, ANY }

    record Token(Kind kind, char ch, boolean crossesColon) {
    }

    GlobPattern {
        tokens = List.copyOf(tokens);
    }

    static GlobPattern compile(List<PatternPiece> pieces, Mode mode, boolean ignoreCase) {
        String text = joined(pieces);
        List<Token> tokens = new ArrayList<>(text.length());
        int colons = 0;
        int offset = 0;
        for (PatternPiece piece : pieces) {
            for (int i = 0; i < piece.text().length(); i++, offset++) {
                char c = piece.text().charAt(i);
                boolean wildcard = !piece.literal() && (c == '*' || c == '?');
                if (!wildcard) {
                    tokens.add(new Token(Kind.LITERAL, c, false));
                    colons += c == ':' ? 1 : 0;
                    continue;
                }
                boolean inResourceSegment = colons >= ARN_SEPARATORS;
                boolean crosses = switch (mode) {
                    case TEXT -> true;
                    case ARN_CONDITION -> inResourceSegment;
                    case RESOURCE -> inResourceSegment || (c == '*' && endsSegment(text, offset));
                };
                tokens.add(new Token(c == '*' ? Kind.ANY : Kind.ONE, c, crosses));
            }
        }
        return new GlobPattern(tokens, mode, ignoreCase);
    }

    static GlobPattern text(String pattern, boolean ignoreCase) {
        return compile(List.of(PatternPiece.pattern(pattern)), Mode.TEXT, ignoreCase);
    }

    static String joined(List<PatternPiece> pieces) {
        StringBuilder text = new StringBuilder();
        pieces.forEach(piece -> text.append(piece.text()));
        return text.toString();
    }

    boolean matches(String input) {
        if (mode == Mode.ARN_CONDITION && (colonCount(input) < ARN_SEPARATORS || patternColons() < ARN_SEPARATORS)) {
            return false;
        }
        int n = input.length();
        boolean[] reachable = new boolean[n + 1];
        reachable[0] = true;
        for (Token token : tokens) {
            reachable = step(token, input, reachable);
        }
        return reachable[n];
    }

    private boolean[] step(Token token, String input, boolean[] reachable) {
        int n = input.length();
        boolean[] next = new boolean[n + 1];
        if (token.kind() == Kind.ANY) {
            boolean running = false;
            for (int j = 0; j <= n; j++) {
                running |= reachable[j];
                next[j] = running;
                if (j < n && !token.crossesColon() && input.charAt(j) == ':') {
                    running = false;
                }
            }
            return next;
        }
        for (int j = 0; j < n; j++) {
            if (reachable[j] && accepts(token, input.charAt(j))) {
                next[j + 1] = true;
            }
        }
        return next;
    }

    private boolean accepts(Token token, char c) {
        if (token.kind() == Kind.ONE) {
            return token.crossesColon() || c != ':';
        }
        return token.ch() == c || (ignoreCase && Character.toLowerCase(token.ch()) == Character.toLowerCase(c));
    }

    private int patternColons() {
        return (int) tokens.stream().filter(t -> t.kind() == Kind.LITERAL && t.ch() == ':').count();
    }

    private static int colonCount(String text) {
        return (int) text.chars().filter(c -> c == ':').count();
    }

    private static boolean endsSegment(String text, int offset) {
        return offset + 1 == text.length() || text.charAt(offset + 1) == ':';
    }
}
