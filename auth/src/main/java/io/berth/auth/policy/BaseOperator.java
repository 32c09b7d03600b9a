package io.berth.auth.policy;

import java.util.Optional;

/**
 * The condition operators of IAM's policy language, without the {@code ForAnyValue:}/{@code ForAllValues:} prefix
 * and the {@code IfExists} suffix. A negated operator is true when its positive twin is false for every policy
 * value (the values are NOR-ed), and true when the key is missing.
 */
public enum BaseOperator {
    STRING_EQUALS("StringEquals", ValueTest.STRING_EQUALS, false),
    STRING_NOT_EQUALS("StringNotEquals", ValueTest.STRING_EQUALS, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", ValueTest.STRING_EQUALS_IGNORE_CASE, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", ValueTest.STRING_EQUALS_IGNORE_CASE, true),
    STRING_LIKE("StringLike", ValueTest.STRING_LIKE, false),
    STRING_NOT_LIKE("StringNotLike", ValueTest.STRING_LIKE, true),
    NUMERIC_EQUALS("NumericEquals", ValueTest.NUMERIC_EQUALS, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", ValueTest.NUMERIC_EQUALS, true),
    NUMERIC_LESS_THAN("NumericLessThan", ValueTest.NUMERIC_LESS_THAN, false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", ValueTest.NUMERIC_LESS_THAN_EQUALS, false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", ValueTest.NUMERIC_GREATER_THAN, false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", ValueTest.NUMERIC_GREATER_THAN_EQUALS, false),
    DATE_EQUALS("DateEquals", ValueTest.DATE_EQUALS, false),
    DATE_NOT_EQUALS("DateNotEquals", ValueTest.DATE_EQUALS, true),
    DATE_LESS_THAN("DateLessThan", ValueTest.DATE_LESS_THAN, false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", ValueTest.DATE_LESS_THAN_EQUALS, false),
    DATE_GREATER_THAN("DateGreaterThan", ValueTest.DATE_GREATER_THAN, false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", ValueTest.DATE_GREATER_THAN_EQUALS, false),
    BOOL("Bool", ValueTest.BOOL, false),
    BINARY_EQUALS("BinaryEquals", ValueTest.BINARY_EQUALS, false),
    IP_ADDRESS("IpAddress", ValueTest.IP_ADDRESS, false),
    NOT_IP_ADDRESS("NotIpAddress", ValueTest.IP_ADDRESS, true),
    ARN_EQUALS("ArnEquals", ValueTest.ARN_LIKE, false),
    ARN_LIKE("ArnLike", ValueTest.ARN_LIKE, false),
    ARN_NOT_EQUALS("ArnNotEquals", ValueTest.ARN_LIKE, true),
    ARN_NOT_LIKE("ArnNotLike", ValueTest.ARN_LIKE, true),
    NULL("Null", ValueTest.NULL, false);

    private final String operatorName;
    private final ValueTest test;
    private final boolean negated;

    BaseOperator(String operatorName, ValueTest test, boolean negated) {
        this.operatorName = operatorName;
        this.test = test;
        this.negated = negated;
    }

    public String operatorName() {
        return operatorName;
    }

    public boolean negated() {
        return negated;
    }

    ValueTest test() {
        return test;
    }

    boolean isDate() {
        return operatorName.startsWith("Date");
    }

    static Optional<BaseOperator> byName(String name) {
        for (BaseOperator operator : values()) {
            if (operator.operatorName.equals(name)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }
}
