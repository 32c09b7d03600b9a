package io.berth.server.aws.query;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A string member of a Query request with its API-model constraints (length, pattern, enum), checked the way
 * AWS's front end checks them, before the action runs, with AWS's message: "1 validation error detected: Value
 * 'a b' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+".
 *
 * @param member  the wire name ({@code UserName})
 * @param pattern the model's regular expression, or null
 * @param allowed the enum values, or empty for any
 */
public record Field(String member, int minLength, int maxLength, Pattern pattern, List<String> allowed) {
    public Field {
        Objects.requireNonNull(member, "member");
        allowed = List.copyOf(allowed);
    }

    public static Field text(String member, int minLength, int maxLength, String regex) {
        return new Field(member, minLength, maxLength, Pattern.compile(regex), List.of());
    }

    public static Field text(String member, int minLength, int maxLength) {
        return new Field(member, minLength, maxLength, null, List.of());
    }

    public static Field oneOf(String member, String... values) {
        return new Field(member, 1, Integer.MAX_VALUE, null, List.of(values));
    }

    /** The member's name in AWS's validation messages: lower camel case ({@code userName}). */
    public String modelName() {
        return modelName(member);
    }

    static String modelName(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }

    /** Checks a present value; {@code where} is the name shown in the message ({@code tags.1.member.key}). */
    String check(String value, String where) {
        if (value.length() < minLength) {
            throw invalid(value, where, "Member must have length greater than or equal to " + minLength);
        }
        if (value.length() > maxLength) {
            throw invalid(value, where, "Member must have length less than or equal to " + maxLength);
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw invalid(value, where, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            throw invalid(value, where, "Member must satisfy enum value set: " + allowed);
        }
        return value;
    }

    static QueryException invalid(String value, String where, String constraint) {
        return QueryException.validation("1 validation error detected: Value '" + value + "' at '" + where
                + "' failed to satisfy constraint: " + constraint);
    }

    static QueryException missing(String where) {
        return QueryException.validation("1 validation error detected: Value null at '" + where
                + "' failed to satisfy constraint: Member must not be null");
    }
}
