package io.berth.auth.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every condition operator against request values, one row each: policy values, request values (null when the
 * request lacks the key), expected result. The request principal is alice (tag team=platform), so rows can use
 * policy variables.
 */
class ConditionOperatorsTest {
    private static final String KEY = "test:Key";
    private static final List<String> MISSING = null;

    record Row(String operator, List<String> policyValues, List<String> requestValues, boolean expected) {
        @Override
        public String toString() {
            return operator + " " + policyValues + " vs " + (requestValues == null ? "(missing)" : requestValues)
                    + " -> " + expected;
        }
    }

    static Row row(String operator, List<String> policyValues, List<String> requestValues, boolean expected) {
        return new Row(operator, policyValues, requestValues, expected);
    }

    static List<String> v(String... values) {
        return List.of(values);
    }

    static Stream<Row> strings() {
        return Stream.of(
                row("StringEquals", v("a"), v("a"), true),
                row("StringEquals", v("a"), v("A"), false),
                row("StringEquals", v("a", "b"), v("b"), true),
                row("StringEquals", v("a"), MISSING, false),
                row("StringEquals", v("a"), v("b", "a"), true),
                row("StringNotEquals", v("a"), v("a"), false),
                row("StringNotEquals", v("a", "b"), v("b"), false),
                row("StringNotEquals", v("a", "b"), v("c"), true),
                row("StringNotEquals", v("a"), MISSING, true),
                row("StringNotEquals", v("a"), v("b", "a"), false),
                row("StringEqualsIgnoreCase", v("Prod"), v("PROD"), true),
                row("StringNotEqualsIgnoreCase", v("prod"), v("PROD"), false),
                row("StringLike", v("prod-*"), v("prod-eu"), true),
                row("StringLike", v("p?od"), v("prod"), true),
                row("StringLike", v("prod*"), v("Prod"), false),
                row("StringLike", v("a:*"), v("a:b:c"), true),
                row("StringNotLike", v("test*"), v("test-1"), false),
                row("StringNotLike", v("test*"), MISSING, true),
                row("StringEquals", v("${aws:PrincipalTag/team}"), v("platform"), true),
                row("StringEquals", v("${aws:PrincipalTag/team}"), v("apps"), false),
                row("StringEquals", v("${aws:PrincipalTag/missing}"), v(""), false),
                row("StringNotEquals", v("${aws:PrincipalTag/missing}"), v("x"), true),
                row("StringEquals", v("${aws:PrincipalTag/missing, 'none'}"), v("none"), true),
                row("StringLike", v("${aws:username}-*"), v("alice-dev"), true),
                row("StringEquals", v("${*}"), v("*"), true),
                row("StringLike", v("${*}"), v("x"), false),
                row("StringEqualsIfExists", v("a"), MISSING, true),
                row("StringEqualsIfExists", v("a"), v("b"), false),
                row("StringNotEqualsIfExists", v("a"), MISSING, true),
                row("StringEquals", v(), v("a"), false),
                row("StringNotEquals", v(), v("a"), true));
    }

    static Stream<Row> numbersAndDates() {
        return Stream.of(
                row("NumericEquals", v("10"), v("10.0"), true),
                row("NumericNotEquals", v("10"), v("11"), true),
                row("NumericLessThan", v("10"), v("9"), true),
                row("NumericLessThan", v("10"), v("10"), false),
                row("NumericLessThanEquals", v("10"), v("10"), true),
                row("NumericGreaterThan", v("10"), v("10.5"), true),
                row("NumericGreaterThanEquals", v("10"), v("9"), false),
                row("NumericEquals", v("10"), v("ten"), false),
                row("NumericLessThan", v("10"), MISSING, false),
                row("DateLessThan", v("2020-06-30T23:59:59Z"), v("2020-06-01T00:00:00Z"), true),
                row("DateLessThan", v("2020-06-30T23:59:59Z"), v("2020-07-01T00:00:00Z"), false),
                row("DateGreaterThan", v("2020-04-01T00:00:00Z"), v("1590969600"), true),
                row("DateEquals", v("2020-06-01T00:00:00Z"), v("2020-06-01T02:00:00+02:00"), true),
                row("DateNotEquals", v("2020-06-01T00:00:00Z"), v("2020-06-01T02:00:00+02:00"), false),
                row("DateLessThanEquals", v("2020-06-01"), v("2020-06-01T00:00:00Z"), true),
                row("DateGreaterThanEquals", v("1590969600"), v("2020-06-01T00:00:00.000Z"), true),
                row("DateGreaterThan", v("2020-04-01T00:00:00Z"), v("yesterday"), false),
                row("Bool", v("true"), v("true"), true),
                row("Bool", v("false"), v("true"), false),
                row("Bool", v("true"), v("TRUE"), true),
                row("Bool", v("false"), MISSING, false),
                row("BoolIfExists", v("false"), MISSING, true),
                row("BinaryEquals", v("QmVydGg="), v("QmVydGg="), true),
                row("BinaryEquals", v("QmVydGg="), v("QmVydGh4"), false));
    }

    static Stream<Row> addressesAndArns() {
        return Stream.of(
                row("IpAddress", v("203.0.113.0/24"), v("203.0.113.7"), true),
                row("IpAddress", v("203.0.113.0/24"), v("203.0.114.1"), false),
                row("IpAddress", v("203.0.113.0/24", "2001:DB8:1234:5678::/64"), v("2001:db8:1234:5678:abcd::1"),
                        true),
                row("IpAddress", v("2001:DB8::/32"), v("2001:db9::1"), false),
                row("IpAddress", v("10.0.0.1"), v("10.0.0.1"), true),
                row("IpAddress", v("10.0.0.1"), v("10.0.0.2"), false),
                row("IpAddress", v("0.0.0.0/0"), v("8.8.8.8"), true),
                row("IpAddress", v("::ffff:203.0.113.0/120"), v("::ffff:203.0.113.9"), true),
                row("IpAddress", v("203.0.113.0/24"), v("::ffff:203.0.113.9"), false),
                row("IpAddress", v("203.0.113.0/33"), v("203.0.113.9"), false),
                row("IpAddress", v("not-an-address"), v("1.2.3.4"), false),
                row("IpAddress", v("203.0.113.0/24"), v("example.com"), false),
                row("NotIpAddress", v("203.0.113.0/24"), v("198.51.100.5"), true),
                row("NotIpAddress", v("203.0.113.0/24"), v("203.0.113.5"), false),
                row("NotIpAddress", v("203.0.113.0/24"), MISSING, true),
                row("ArnLike", v("arn:aws:iam::123456789012:role/ci/*"),
                        v("arn:aws:iam::123456789012:role/ci/deployer"), true),
                row("ArnEquals", v("arn:aws:iam::123456789012:role/ci/*"),
                        v("arn:aws:iam::123456789012:role/ci/deployer"), true),
                row("ArnNotLike", v("arn:aws:iam::123456789012:role/ci/*"),
                        v("arn:aws:iam::123456789012:role/ci/deployer"), false),
                row("ArnNotEquals", v("arn:aws:iam::123456789012:role/ci/*"), MISSING, true),
                row("ArnLike", v("arn:aws:iam::*:root"), v("arn:aws:iam::444455556666:root"), true),
                row("ArnLike", v("arn:aws:iam::*:root"), v("arn:aws:iam::444455556666:user/root"), false),
                row("ArnLike", v("arn:aws:ecr:*:repository/app"),
                        v("arn:aws:ecr:us-east-1:123456789012:repository/app"), false),
                row("ArnLike", v("arn:aws:ecr:us-*:123456789012:repository/*"),
                        v("arn:aws:ecr:us-east-1:123456789012:repository/team/app"), true),
                row("ArnLike", v("arn:aws:ecr:*:123456789012:repository/app"),
                        v("arn:aws:ecr:us-east-1:444455556666:repository/app"), false),
                row("ArnLike", v("arn:aws:iam::123456789012:user/${aws:username}"),
                        v("arn:aws:iam::123456789012:user/alice"), true),
                row("ArnLike", v("arn:aws:iam::*:*"), v("not-an-arn"), false));
    }

    static Stream<Row> nullAndSets() {
        return Stream.of(
                row("Null", v("true"), MISSING, true),
                row("Null", v("true"), v("x"), false),
                row("Null", v("false"), v("x"), true),
                row("Null", v("false"), MISSING, false),
                row("ForAllValues:StringEquals", v("env", "team"), v("env"), true),
                row("ForAllValues:StringEquals", v("env", "team"), v("env", "owner"), false),
                row("ForAllValues:StringEquals", v("env", "team"), MISSING, true),
                row("ForAnyValue:StringEquals", v("env", "team"), v("owner", "team"), true),
                row("ForAnyValue:StringEquals", v("env", "team"), v("owner"), false),
                row("ForAnyValue:StringEquals", v("env", "team"), MISSING, false),
                row("ForAllValues:StringLike", v("env*"), v("env", "environment"), true),
                row("ForAnyValue:StringNotEquals", v("env"), v("env", "team"), true),
                row("ForAnyValue:StringNotEquals", v("env"), v("env"), false),
                row("ForAnyValue:StringNotEquals", v("env"), MISSING, false),
                row("ForAllValues:StringNotEquals", v("env"), v("team", "owner"), true),
                row("ForAllValues:StringNotEquals", v("env"), v("team", "env"), false),
                row("ForAllValues:StringNotEquals", v("env"), MISSING, true),
                row("ForAnyValue:StringEqualsIfExists", v("env"), MISSING, true),
                row("ForAllValues:NumericLessThan", v("100"), v("1", "99"), true),
                row("ForAnyValue:IpAddress", v("10.0.0.0/8"), v("192.168.0.1", "10.1.2.3"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"strings", "numbersAndDates", "addressesAndArns", "nullAndSets"})
    void evaluates(Row row) {
        ConditionClause clause = new ConditionClause(ConditionOperator.parse(row.operator()).orElseThrow(), KEY,
                row.policyValues());
        RequestContext request = RequestContext.of(Fixtures.ALICE, "ecr:PutImage", Fixtures.repo("app"));
        if (row.requestValues() != null) {
            request = request.with(KEY.toUpperCase(), row.requestValues().toArray(String[]::new));
        }
        PolicyVariables variables = new PolicyVariables(request, PolicyVersion.V2012_10_17);
        assertEquals(row.expected(), ConditionEvaluator.holds(clause, request, variables));
    }
}
