package io.berth.auth.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobPatternTest {
    private static final String APP = "arn:aws:ecr:us-east-1:123456789012:repository/app";

    @ParameterizedTest(name = "action {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ecr:*               | ecr:PutImage                | true
            ECR:putimage        | ecr:PutImage                | true
            ecr:Get*            | ecr:GetAuthorizationToken   | true
            ecr:Get*            | ecr:BatchGetImage           | false
            ecr:?utImage        | ecr:PutImage                | true
            *                   | ecr:DeleteRepository        | true
            ecr:Put             | ecr:PutImage                | false
            e*:PutImage         | ecr:PutImage                | true
            ecr:*Image          | ecr:BatchDeleteImage        | true
            ecr:*Image          | ecr:PutImageTagMutability   | false
            """)
    void actionsMatchCaseInsensitively(String pattern, String action, boolean expected) {
        assertEquals(expected, new ActionBlock(List.of(pattern), false).appliesTo(action));
    }

    @ParameterizedTest(name = "resource {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            *                                                             | arn:aws:ecr:us-east-1:123456789012:repository/app            | true
            *                                                             | *                                                            | true
            arn:aws:ecr:us-east-1:123456789012:repository/*               | *                                                            | false
            arn:aws:ecr:us-east-1:123456789012:repository/*               | arn:aws:ecr:us-east-1:123456789012:repository/team/app       | true
            arn:aws:ecr:us-east-1:123456789012:repository/team/*          | arn:aws:ecr:us-east-1:123456789012:repository/team           | false
            arn:aws:ecr:*:123456789012:repository/app                     | arn:aws:ecr:us-west-2:123456789012:repository/app            | true
            arn:aws:ecr:us-*:123456789012:repository/app                  | arn:aws:ecr:us-east-1:123456789012:repository/app            | true
            arn:aws:ecr:us-?ast-1:123456789012:repository/app             | arn:aws:ecr:us-east-1:123456789012:repository/app            | true
            arn:aws:ecr:u*1:123456789012:repository/app                   | arn:aws:ecr:us-east-1:123456789012:repository/app            | true
            arn:aws:ecr:*                                                 | arn:aws:ecr:us-east-1:123456789012:repository/app            | true
            arn:aws:ecr:us-east-1*:repository/app                         | arn:aws:ecr:us-east-1:123456789012:repository/app            | true
            arn:aws:ecr:us-*-1:repository/app                             | arn:aws:ecr:us-east-1:123456789012:repository/app            | false
            arn:aws:ecr:us-east-1?123456789012:repository/app             | arn:aws:ecr:us-east-1:123456789012:repository/app            | false
            arn:aws:ecr:us-east-1:123456789012:repository/App             | arn:aws:ecr:us-east-1:123456789012:repository/app            | false
            arn:aws:ecr:us-east-1:*:repository/app                        | arn:aws:ecr:us-east-1:444455556666:repository/app            | true
            arn:aws:ecr:us-east-1:123456789012:repository/*               | arn:aws:ecr:us-east-1:444455556666:repository/app            | false
            arn:aws:logs:us-east-1:123456789012:log-group:/x:*            | arn:aws:logs:us-east-1:123456789012:log-group:/x:log-stream:a | true
            arn:aws:logs:us-east-1:123456789012:log-group?x               | arn:aws:logs:us-east-1:123456789012:log-group:x              | true
            """)
    void resourcesFollowArnSegmentRules(String pattern, String resource, boolean expected) {
        assertEquals(expected, new ResourceBlock(List.of(pattern), false, false).appliesTo(resource, variables()));
    }

    @Test
    void notResourceAppliesToEverythingElse() {
        ResourceBlock block = new ResourceBlock(List.of("arn:aws:ecr:*:*:repository/secret/*"), true, false);
        assertEquals(true, block.appliesTo(APP, variables()));
        assertEquals(false, block.appliesTo("arn:aws:ecr:us-east-1:123456789012:repository/secret/keys",
                variables()));
    }

    @Test
    void literalPiecesHaveNoWildcards() {
        GlobPattern pattern = GlobPattern.compile(List.of(PatternPiece.pattern("repository/"),
                PatternPiece.literal("*"), PatternPiece.pattern("/?")), GlobPattern.Mode.RESOURCE, false);
        assertEquals(true, pattern.matches("repository/*/x"));
        assertEquals(false, pattern.matches("repository/team/x"));
    }

    @Test
    void hostilePatternsCostLinearSteps() {
        String input = "a".repeat(20_000);
        GlobPattern pattern = GlobPattern.text("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", false);
        assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(2), () -> pattern.matches(input)));
    }

    private static PolicyVariables variables() {
        return new PolicyVariables(RequestContext.of(Fixtures.ALICE, "ecr:PutImage", APP), PolicyVersion.V2012_10_17);
    }
}
