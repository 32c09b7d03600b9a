package io.berth.auth.policy;

import static io.berth.auth.policy.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyParserTest {
    /** Documents IAM accepts (the accepted half of the recorded IAM responses, and AWS documentation examples). */
    @ParameterizedTest
    @ValueSource(strings = {
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket',"
                    + "'Resource':['arn:aws:s3:::example_bucket']}}",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'iam: asdf safdsf af ',"
                    + "'Resource':'arn:aws:s3:::example_bucket'}}",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'*','Resource':'arn:aws:s3:::b'}}",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3-s:ListBucket',"
                    + "'Resource':'arn:aws:s3:::example_bucket'}}",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3.s:ListBucket',"
                    + "'Resource':'arn:aws:s3:::example_bucket'}}",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','NotAction':'s3:ListBucket','NotResource':'*'}}",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket',"
                    + "'Resource':'arn:aws:s3:::example_bucket','Condition':{}}}",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket',"
                    + "'Resource':'arn:aws:s3:::example_bucket','Condition':{'x':{},'y':{}}}}",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket',"
                    + "'Resource':'arn:aws:s3:::example_bucket','Condition':{'DateGreaterThan':{'a':[]}}}}",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*',"
                    + "'Condition':{'ForAnyValue:StringEqualsIfExists':{'a':'asf'}}}}",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*',"
                    + "'Condition':{'DateLessThanEquals':{'a':'2016-12-13T21:20:37.593194+00:00'}}}}",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*',"
                    + "'Condition':{'DateLessThanEquals':{'a':'2016-12-13t2:00:00.593194+23'}}}}",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*',"
                    + "'Condition':{'DateLessThan':{'a':'-292275054'}}}}",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*',"
                    + "'Condition':{'Bool':{'aws:SecureTransport':false},'NumericLessThan':{'s3:max-keys':10}}}}",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'ec2:*',"
                    + "'Resource':'arn:aws:ec2:us-east-1::example_bucket'}}",
            "{'Version':'2012-10-17','Statement':[{'Sid':'sdf','Effect':'Allow','Action':'s3:ListBucket',"
                    + "'Resource':'arn:aws:s3:::example_bucket'},{'Effect':'Allow','Action':'s3:ListBucket',"
                    + "'Resource':'arn:aws:s3:::example_bucket'}]}",
            "{'Statement':{'Effect':'Allow','Action':'ecr:*','Resource':'*'}}",
            "{'Version':'2008-10-17','Statement':{'Effect':'Allow','Action':'ecr:*','Resource':'*'}}",
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'ecr:*',"
                    + "'Resource':'arn:aws:ecr:*:*:repository/home/${aws:username}/*'}}",
    })
    void acceptsWhatIamAccepts(String document) {
        assertDoesNotThrow(() -> PolicyDocument.parseIdentity(json(document)));
    }

    @Test
    void readsEveryElement() {
        PolicyDocument document = PolicyDocument.parseResource(json("""
                {'Version':'2012-10-17','Id':'repo-policy','Statement':[
                  {'Sid':'Pull','Effect':'Allow','Principal':{'AWS':['123456789012',
                      'arn:aws:iam::444455556666:root','arn:aws:iam::123456789012:role/ci/deployer'],
                      'Service':'codebuild.amazonaws.com'},
                   'Action':['ecr:BatchGetImage','ecr:GetDownloadUrlForLayer']},
                  {'Effect':'Deny','NotPrincipal':{'AWS':'arn:aws:iam::123456789012:user/admin'},
                   'NotAction':'ecr:Describe*','NotResource':['arn:aws:ecr:us-east-1:123456789012:repository/x'],
                   'Condition':{'ForAllValues:StringLikeIfExists':{'aws:TagKeys':['team','env*']},
                                'Null':{'aws:ResourceTag/team':'false'}}}]}
                """));
        assertEquals(PolicyKind.RESOURCE, document.kind());
        assertEquals(PolicyVersion.V2012_10_17, document.version());
        assertEquals(Optional.of("repo-policy"), document.id());

        Statement pull = document.statements().get(0);
        assertEquals(Optional.of("Pull"), pull.sid());
        assertEquals(Effect.ALLOW, pull.effect());
        assertEquals(new PrincipalBlock(List.of(
                new PolicyPrincipal(PolicyPrincipal.Type.ACCOUNT, "123456789012"),
                new PolicyPrincipal(PolicyPrincipal.Type.ACCOUNT, "444455556666"),
                new PolicyPrincipal(PolicyPrincipal.Type.AWS_ARN, "arn:aws:iam::123456789012:role/ci/deployer"),
                new PolicyPrincipal(PolicyPrincipal.Type.SERVICE, "codebuild.amazonaws.com")), false),
                pull.principal().orElseThrow());
        assertEquals(new ActionBlock(List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"), false),
                pull.actions());
        assertTrue(pull.resources().implied(), "a repository policy statement without Resource means the repository");

        Statement deny = document.statements().get(1);
        assertEquals(1, deny.index());
        assertEquals(Optional.empty(), deny.sid());
        assertTrue(deny.principal().orElseThrow().negated());
        assertTrue(deny.actions().negated());
        assertTrue(deny.resources().negated());
        assertFalse(deny.resources().implied());
        assertEquals(List.of(
                new ConditionClause(new ConditionOperator(ConditionOperator.SetOperator.FOR_ALL_VALUES,
                        BaseOperator.STRING_LIKE, true), "aws:TagKeys", List.of("team", "env*")),
                new ConditionClause(new ConditionOperator(ConditionOperator.SetOperator.NONE, BaseOperator.NULL,
                        false), "aws:ResourceTag/team", List.of("false"))), deny.conditions());
    }

    @Test
    void statementMayBeASingleObjectAndVersionDefaultsTo2008() {
        PolicyDocument document = PolicyDocument.parseIdentity(
                json("{'Statement':{'Effect':'Deny','Action':'ecr:PutImage','Resource':'*'}}"));
        assertEquals(PolicyVersion.V2008_10_17, document.version());
        assertEquals(1, document.statements().size());
        assertEquals(Optional.empty(), document.id());
    }

    @Test
    void conditionNumbersAndBooleansBecomeText() {
        Statement statement = PolicyDocument.parseIdentity(json("{'Version':'2012-10-17','Statement':{"
                + "'Effect':'Deny','Action':'ecr:*','Resource':'*','Condition':{'Bool':{'aws:SecureTransport':false},"
                + "'NumericGreaterThan':{'ecr:count':[10, 2.5]}}}}")).statements().get(0);
        assertEquals(List.of("false"), statement.conditions().get(0).values());
        assertEquals(List.of("10", "2.5"), statement.conditions().get(1).values());
    }

    @Test
    void unknownOperatorWithAnEmptyBlockTestsNothing() {
        Statement statement = PolicyDocument.parseIdentity(json("{'Version':'2012-10-17','Statement':{"
                + "'Effect':'Allow','Action':'ecr:*','Resource':'*','Condition':{'Whatever':{}}}}"))
                .statements().get(0);
        assertEquals(List.of(), statement.conditions());
    }

    @Test
    void resourcePolicySidsMayHoldSpaces() {
        PolicyDocument document = PolicyDocument.parseResource(json("{'Version':'2012-10-17','Statement':{"
                + "'Sid':'allow pull from CI','Effect':'Allow','Principal':'*','Action':'ecr:BatchGetImage'}}"));
        assertEquals(Optional.of("allow pull from CI"), document.statements().get(0).sid());
    }

    @Test
    void operatorNamesRoundTrip() {
        for (String name : List.of("StringEquals", "ForAnyValue:StringNotLikeIfExists", "ForAllValues:ArnLike",
                "NumericGreaterThanEqualsIfExists", "Null", "BinaryEquals", "NotIpAddressIfExists")) {
            assertEquals(name, ConditionOperator.parse(name).orElseThrow().name());
        }
        assertTrue(ConditionOperator.parse("ForAllValues:").isEmpty());
        assertTrue(ConditionOperator.parse("IfExists").isEmpty());
    }
}
