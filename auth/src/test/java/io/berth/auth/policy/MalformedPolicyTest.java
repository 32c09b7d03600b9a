package io.berth.auth.policy;

import static io.berth.auth.policy.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.auth.AuthException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Documents AWS refuses, with the message AWS returns. Most IAM cases and messages follow the responses recorded
 * from IAM's CreatePolicy/PutUserPolicy (the same table moto reproduces); principal cases use the messages AWS's
 * resource policy APIs return.
 */
class MalformedPolicyTest {
    private static final String SYNTAX = "Syntax errors in policy.";
    private static final String LEGACY = "The policy failed legacy parsing";
    private static final String OK_STATEMENT = "{'Effect':'Allow','Action':'ecr:ListImages','Resource':'*'}";

    record Case(String name, PolicyKind kind, String document, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case identity(String name, String document, String message) {
        return new Case(name, PolicyKind.IDENTITY, json(document), message);
    }

    static Case resource(String name, String document, String message) {
        return new Case(name, PolicyKind.RESOURCE, json(document), message);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // JSON and document shape
                identity("not JSON", "This is not a json document", SYNTAX),
                identity("empty text", "", SYNTAX),
                identity("a JSON list", "[" + OK_STATEMENT + "]", SYNTAX),
                identity("trailing content", "{'Version':'2012-10-17','Statement':" + OK_STATEMENT + "} {}", SYNTAX),
                identity("duplicate key", "{'Version':'2012-10-17','Version':'2012-10-17','Statement':"
                        + OK_STATEMENT + "}", SYNTAX),
                identity("unknown top-level element",
                        "{'Version':'2012-10-17','Statement':" + OK_STATEMENT + ",'Extra field':'value'}", SYNTAX),
                identity("element names are case-sensitive",
                        "{'version':'2012-10-17','Statement':" + OK_STATEMENT + "}", SYNTAX),
                identity("unknown Version", "{'Version':'2013-10-17','Statement':" + OK_STATEMENT + "}", SYNTAX),
                identity("Version not a string", "{'Version':2012,'Statement':" + OK_STATEMENT + "}", SYNTAX),
                identity("Id a list", "{'Version':'2012-10-17','Id':['x'],'Statement':" + OK_STATEMENT + "}",
                        SYNTAX),
                identity("Id an object", "{'Version':'2012-10-17','Id':{},'Statement':" + OK_STATEMENT + "}", SYNTAX),
                identity("no Statement", "{'Version':'2012-10-17'}", SYNTAX),
                identity("empty Statement list", "{'Version':'2012-10-17','Statement':[]}", SYNTAX),
                identity("Statement a string", "{'Version':'2012-10-17','Statement':'x'}", SYNTAX),
                identity("statement not an object", "{'Version':'2012-10-17','Statement':['afd']}", SYNTAX),
                // statement shape
                identity("unknown statement element", stmt("'Effect':'Allow','Action':'ecr:ListImages',"
                        + "'Resource':'*','Extra field':'value'"), SYNTAX),
                identity("Effect missing", stmt("'Action':'ecr:ListImages','Resource':'*'"), SYNTAX),
                identity("Effect invalid", stmt("'Effect':'invalid','Action':'ecr:ListImages','Resource':'*'"),
                        SYNTAX),
                identity("Effect not a string", stmt("'Effect':true,'Action':'ecr:ListImages','Resource':'*'"),
                        SYNTAX),
                identity("Action and NotAction", stmt("'Effect':'Allow','Action':'ecr:ListImages',"
                        + "'NotAction':'ecr:PutImage','Resource':'*'"), SYNTAX),
                identity("Resource and NotResource", stmt("'Effect':'Allow','Action':'ecr:ListImages',"
                        + "'Resource':'*','NotResource':[]"), SYNTAX),
                identity("Action an object", stmt("'Effect':'Allow','Action':{},'Resource':'*'"), SYNTAX),
                identity("Action a nested list", stmt("'Effect':'Deny','Action':[[]],'Resource':'*'"), SYNTAX),
                identity("Resource an object", stmt("'Effect':'Allow','Action':'ecr:ListImages',"
                        + "'Resource':{'a':'arn:aws:s3:::example_bucket'}"), SYNTAX),
                identity("Resource list with an object", stmt("'Effect':'Deny','Action':'ecr:ListImages',"
                        + "'Resource':['adfdf',{}]"), SYNTAX),
                identity("Sid an object", stmt("'Sid':{},'Effect':'Allow','Action':'ecr:ListImages',"
                        + "'Resource':'*'"), SYNTAX),
                // conditions
                identity("Condition a list", withCondition("[]"), SYNTAX),
                identity("Condition a string", withCondition("'a'"), SYNTAX),
                identity("condition block a string", withCondition("{'a':'b'}"), SYNTAX),
                identity("unsupported condition operator", withCondition("{'StringEqualz':{'aws:username':'x'}}"),
                        SYNTAX),
                identity("operator names are case-sensitive",
                        withCondition("{'stringequals':{'aws:username':'x'}}"), SYNTAX),
                identity("double colon after set operator",
                        withCondition("{'ForAnyValue::StringEqualsIfExists':{'a':'asf'}}"), SYNTAX),
                identity("condition value an object", withCondition("{'DateGreaterThan':{'a':{}}}"), SYNTAX),
                identity("condition value list with an object",
                        withCondition("{'StringEquals':{'aws:username':['a',{}]}}"), SYNTAX),
                identity("Date value not a date", withCondition("{'DateGreaterThan':{'a':'sdfdsf'}}"), LEGACY),
                identity("Date value with a one-digit offset",
                        withCondition("{'DateLessThanEquals':{'a':'2016-12-13t2:00:00.593194+1'}}"), LEGACY),
                identity("Date value beyond a long",
                        withCondition("{'DateLessThan':{'a':'9223372036854775808'}}"), LEGACY),
                // legacy parsing
                identity("Effect in the wrong case", stmt("'Effect':'denY','Action':'ecr:ListImages','Resource':'*'"),
                        LEGACY),
                identity("legacy parsing comes before missing actions",
                        stmt("'Effect':'allow','Resource':'arn:aws:s3:us-east-1::example_bucket'"), LEGACY),
                identity("ARN with five segments", stmt("'Effect':'Allow','Action':'ecr:ListImages',"
                        + "'Resource':'arn:aws:ecr:us-east-1:repository/app'"), LEGACY),
                identity("ARN without a service", stmt("'Effect':'Allow','NotAction':'ecr:ListImages',"
                        + "'Resource':'arn:aws::::example_bucket'"), LEGACY),
                // Sids
                identity("duplicate Sid", "{'Version':'2012-10-17','Statement':[{'Sid':'sdf','Effect':'Allow',"
                        + "'Action':'ecr:ListImages','Resource':'*'},{'Sid':'sdf','Effect':'Allow'}]}",
                        "Statement IDs (SID) in a single policy must be unique."),
                identity("Sid with a space", stmt("'Sid':'Allow pull','Effect':'Allow','Action':'ecr:ListImages',"
                        + "'Resource':'*'"), "Statement IDs (SID) must be alpha-numeric. Check that your input "
                        + "satisfies the regular expression [0-9A-Za-z]*"),
                // actions and resources present
                identity("Action missing", stmt("'Effect':'Allow','Resource':'*'"),
                        "Policy statement must contain actions."),
                identity("Action empty", stmt("'Effect':'Allow','Action':[],'Resource':'*'"),
                        "Policy statement must contain actions."),
                identity("a later statement has no action", "{'Version':'2012-10-17','Statement':[{'Effect':'Deny'},"
                        + OK_STATEMENT + "]}", "Policy statement must contain actions."),
                identity("Resource missing", stmt("'Effect':'Allow','Action':'ecr:ListImages'"),
                        "Policy statement must contain resources."),
                identity("Resource empty", stmt("'Effect':'Allow','Action':'ecr:ListImages','Resource':[]"),
                        "Policy statement must contain resources."),
                identity("missing resources comes before action vendors", stmt("'Effect':'Allow','Action':'invalid'"),
                        "Policy statement must contain resources."),
                // action format
                identity("action without a vendor", stmt("'Effect':'Allow','Action':'invalid','Resource':'*'"),
                        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
                identity("empty NotAction", stmt("'Effect':'Allow','NotAction':'','Resource':'*'"),
                        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
                identity("action with two colons", stmt("'Effect':'Allow','Action':'ecr:List:Images','Resource':'*'"),
                        "Actions/Condition can contain only one colon."),
                identity("vendor with a space", stmt("'Effect':'Allow','Action':'a a:ListBucket','Resource':'*'"),
                        "Vendor a a is not valid"),
                // resource format
                identity("resource not an ARN", stmt("'Effect':'Allow','Action':'ecr:ListImages',"
                        + "'Resource':'invalid resource'"),
                        "Resource invalid resource must be in ARN format or \"*\"."),
                identity("empty resource", stmt("'Effect':'Allow','Action':'ecr:ListImages','Resource':''"),
                        "Resource  must be in ARN format or \"*\"."),
                identity("unknown partition, nothing after it", stmt("'Effect':'Allow','NotAction':'ecr:ListImages',"
                        + "'Resource':'a:bsdfdsafsad'"),
                        "Partition \"bsdfdsafsad\" is not valid for resource \"arn:bsdfdsafsad:*:*:*:*\"."),
                identity("unknown partition, many segments", stmt("'Effect':'Allow','NotAction':'ecr:ListImages',"
                        + "'Resource':'a:b:c:d:e:f:g:h'"),
                        "Partition \"b\" is not valid for resource \"arn:b:c:d:e:f:g:h\"."),
                identity("missing arn prefix", stmt("'Effect':'Allow','Action':'ecr:ListImages',"
                        + "'Resource':'aws:s3:::example_bucket'"),
                        "Partition \"s3\" is not valid for resource \"arn:s3:::example_bucket:*\"."),
                identity("ARN that stops after the partition", stmt("'Effect':'Allow','Action':'ecr:ListImages',"
                        + "'Resource':'arn:aws'"),
                        "Resource vendor must be fully qualified and cannot contain regexes."),
                identity("wildcard service", stmt("'Effect':'Allow','Action':'ecr:ListImages',"
                        + "'Resource':'arn:aws:*:us-east-1:123456789012:repository/app'"),
                        "Resource vendor must be fully qualified and cannot contain regexes."),
                // principals
                identity("Principal in an identity policy", stmt("'Effect':'Allow','Principal':'*',"
                        + "'Action':'ecr:ListImages','Resource':'*'"),
                        "Policy document should not specify a principal."),
                identity("NotPrincipal in an identity policy", stmt("'Effect':'Deny','NotPrincipal':{'AWS':"
                        + "'123456789012'},'Action':'ecr:ListImages','Resource':'*'"),
                        "Policy document should not specify a principal."),
                resource("no Principal in a resource policy", stmt("'Effect':'Deny','Action':'ecr:PutImage'"),
                        "Missing required field Principal"),
                resource("Principal and NotPrincipal", stmt("'Effect':'Deny','Principal':'*','NotPrincipal':"
                        + "{'AWS':'123456789012'},'Action':'ecr:PutImage'"), SYNTAX),
                resource("Principal a bare name", stmt("'Effect':'Allow','Principal':'bob','Action':'ecr:PutImage'"),
                        "Invalid principal in policy"),
                resource("Principal with a user name", stmt("'Effect':'Allow','Principal':{'AWS':'bob'},"
                        + "'Action':'ecr:PutImage'"), "Invalid principal in policy"),
                resource("Principal with a wildcard ARN", stmt("'Effect':'Allow','Principal':{'AWS':"
                        + "'arn:aws:iam::123456789012:user/*'},'Action':'ecr:PutImage'"),
                        "Invalid principal in policy"),
                resource("Principal of an unknown type", stmt("'Effect':'Allow','Principal':{'Robot':'r2d2'},"
                        + "'Action':'ecr:PutImage'"), "Invalid principal in policy"),
                resource("Principal an empty object", stmt("'Effect':'Allow','Principal':{},'Action':'ecr:PutImage'"),
                        "Invalid principal in policy"),
                resource("Principal naming a group", stmt("'Effect':'Allow','Principal':{'AWS':"
                        + "'arn:aws:iam::123456789012:group/devs'},'Action':'ecr:PutImage'"),
                        "Invalid principal in policy"),
                resource("resource policy still needs actions", stmt("'Effect':'Allow','Principal':'*'"),
                        "Policy statement must contain actions."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesWithAwsMessage(Case c) {
        MalformedPolicyDocumentException error = assertThrows(MalformedPolicyDocumentException.class,
                () -> parse(c.kind(), c.document()));
        assertEquals(c.message(), error.getMessage());
        assertFalse(error.detail().isBlank(), "every refusal explains itself in detail()");
        assertInstanceOf(AuthException.class, error);
    }

    @Test
    void identityPolicySizeCountsCharactersOtherThanWhitespace() {
        String actions = "'ecr:GetAuthorizationToken',".repeat(230);
        String big = json(stmt("'Effect':'Allow','Action':[" + actions + "'ecr:ListImages'],'Resource':'*'"));
        MalformedPolicyDocumentException error = assertThrows(MalformedPolicyDocumentException.class,
                () -> PolicyDocument.parseIdentity(big));
        assertEquals("Cannot exceed quota for PolicySize: 6144", error.getMessage());

        String roomy = json(stmt("'Effect':'Allow','Action':'ecr:ListImages','Resource':'*'")).replace(",",
                "," + " ".repeat(3_000));
        assertEquals(1, PolicyDocument.parseIdentity(roomy).statements().size(), "whitespace is free");

        String medium = json(stmt("'Effect':'Allow','Action':[" + "'ecr:ListImages',".repeat(130)
                + "'ecr:PutImage'],'Resource':'*'"));
        assertEquals(1, PolicyDocument.parseIdentity(medium).statements().size());
        assertEquals("Cannot exceed quota for PolicySize: 2048", assertThrows(MalformedPolicyDocumentException.class,
                () -> PolicyDocument.parseIdentity(medium, 2_048)).getMessage(), "a user's inline policy quota");
    }

    @Test
    void resourcePolicyLengthIsEcrsPolicyTextLimit() {
        String padded = json(stmt("'Effect':'Allow','Principal':'*','Action':'ecr:ListImages'"))
                .replace(",", "," + " ".repeat(10_240));
        MalformedPolicyDocumentException error = assertThrows(MalformedPolicyDocumentException.class,
                () -> PolicyDocument.parseResource(padded));
        assertEquals("Invalid parameter at 'policyText' failed to satisfy constraint: "
                + "'Member must have length less than or equal to 10240'", error.getMessage());
    }

    private static PolicyDocument parse(PolicyKind kind, String document) {
        return kind == PolicyKind.IDENTITY ? PolicyDocument.parseIdentity(document)
                : PolicyDocument.parseResource(document);
    }

    private static String stmt(String body) {
        return "{'Version':'2012-10-17','Statement':{" + body + "}}";
    }

    private static String withCondition(String condition) {
        return stmt("'Effect':'Allow','Action':'ecr:ListImages','Resource':'*','Condition':" + condition);
    }
}
