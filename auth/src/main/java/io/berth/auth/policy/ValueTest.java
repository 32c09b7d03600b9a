package io.berth.auth.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * How one request value is compared with one policy value, for each family of condition operators. Negated
 * operators ({@code StringNotEquals}, {@code NotIpAddress}, ...) use the test of their positive twin and negate the
 * result in {@link ConditionEvaluator}. Values that do not parse (a number that is not a number, an address that is
 * not an address) never match. Policy variables are substituted only for the string and ARN families, as in IAM.
 */
enum ValueTest {
    STRING_EQUALS, STRING_EQUALS_IGNORE_CASE, STRING_LIKE,
    NUMERIC_EQUALS, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_EQUALS, NUMERIC_GREATER_THAN, NUMERIC_GREATER_THAN_EQUALS,
    DATE_EQUALS, DATE_LESS_THAN, DATE_LESS_THAN_EQUALS, DATE_GREATER_THAN, DATE_GREATER_THAN_EQUALS,
    BOOL, BINARY_EQUALS, IP_ADDRESS, ARN_LIKE, NULL;

    boolean matches(String requestValue, String policyValue, PolicyVariables variables) {
        return switch (this) {
            case STRING_EQUALS -> variables.expandToText(policyValue).map(requestValue::equals).orElse(false);
            case STRING_EQUALS_IGNORE_CASE ->
                    variables.expandToText(policyValue).map(requestValue::equalsIgnoreCase).orElse(false);
            case STRING_LIKE -> like(requestValue, policyValue, variables, GlobPattern.Mode.TEXT);
            case ARN_LIKE -> like(requestValue, policyValue, variables, GlobPattern.Mode.ARN_CONDITION);
            case NUMERIC_EQUALS, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_EQUALS, NUMERIC_GREATER_THAN,
                    NUMERIC_GREATER_THAN_EQUALS -> numeric(requestValue, policyValue);
            case DATE_EQUALS, DATE_LESS_THAN, DATE_LESS_THAN_EQUALS, DATE_GREATER_THAN, DATE_GREATER_THAN_EQUALS ->
                    date(requestValue, policyValue);
            case BOOL -> requestValue.equalsIgnoreCase(policyValue);
            case BINARY_EQUALS -> binary(requestValue, policyValue);
            case IP_ADDRESS -> IpCidr.parse(policyValue).map(cidr -> cidr.contains(requestValue)).orElse(false);
            case NULL -> throw new IllegalStateException("Null is evaluated on key presence, not on values");
        };
    }

    private static boolean like(String requestValue, String policyValue, PolicyVariables variables,
            GlobPattern.Mode mode) {
        return variables.expand(policyValue)
                .map(pieces -> GlobPattern.compile(pieces, mode, false).matches(requestValue))
                .orElse(false);
    }

    private boolean numeric(String requestValue, String policyValue) {
        Optional<BigDecimal> request = number(requestValue);
        Optional<BigDecimal> policy = number(policyValue);
        return request.isPresent() && policy.isPresent() && ordered(request.get().compareTo(policy.get()));
    }

    private boolean date(String requestValue, String policyValue) {
        Optional<Instant> request = DateValues.parse(requestValue);
        Optional<Instant> policy = DateValues.parse(policyValue);
        return request.isPresent() && policy.isPresent() && ordered(request.get().compareTo(policy.get()));
    }

    /** Whether "request compared with policy" gives the order this test asks for. */
    private boolean ordered(int comparison) {
        return switch (this) {
            case NUMERIC_EQUALS, DATE_EQUALS -> comparison == 0;
            case NUMERIC_LESS_THAN, DATE_LESS_THAN -> comparison < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> comparison <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> comparison > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> comparison >= 0;
            default -> throw new IllegalStateException("not an ordering test: " + this);
        };
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean binary(String requestValue, String policyValue) {
        try {
            Base64.Decoder decoder = Base64.getDecoder();
            return Arrays.equals(decoder.decode(requestValue), decoder.decode(policyValue));
        } catch (IllegalArgumentException e) {
            return requestValue.equals(policyValue);
        }
    }
}
