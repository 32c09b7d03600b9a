package io.berth.auth.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyVariablesTest {
    private static final RequestPrincipal TAGGED = RequestPrincipal.iamUser(Fixtures.ACCOUNT, "/", "alice",
            "AIDAALICE0000000001", Map.of("team", "platform", "odd", "${aws:username}"));
    private static final RequestContext REQUEST = RequestContext.of(TAGGED, "ecr:PutImage", Fixtures.repo("app"))
            .with("aws:TagKeys", "env", "team");
    private static final PolicyVariables V2012 = new PolicyVariables(REQUEST, PolicyVersion.V2012_10_17);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "UNRESOLVED", textBlock = """
            ${aws:username}                          | alice
            home/${aws:username}/*                   | home/alice/*
            ${AWS:UserName}                          | alice
            ${aws:userid}                            | AIDAALICE0000000001
            ${aws:PrincipalTag/team}                 | platform
            ${aws:principaltag/TEAM}                 | platform
            ${aws:PrincipalAccount}                  | 123456789012
            ${aws:PrincipalTag/missing}              | UNRESOLVED
            ${aws:PrincipalTag/missing, 'none'}      | none
            ${aws:PrincipalTag/missing,'it''s'}      | it's
            ${aws:username, 'ignored'}               | alice
            ${aws:TagKeys}                           | UNRESOLVED
            ${*}${?}${$}                             | *?$
            ${aws:PrincipalTag/odd}                  | ${aws:username}
            ${aws:username                           | ${aws:username
            no variables here                        | no variables here
            """)
    void substitutesOnce(String raw, String expected) {
        assertEquals(Optional.ofNullable(expected), V2012.expandToText(raw));
    }

    @Test
    void substitutedValuesAreLiteral() {
        assertEquals(Optional.of(List.of(PatternPiece.pattern("repo/"), PatternPiece.literal("alice"),
                PatternPiece.pattern("/*"), PatternPiece.literal("*"))), V2012.expand("repo/${aws:username}/*${*}"));
    }

    @Test
    void version2008TreatsVariablesAsText() {
        PolicyVariables v2008 = new PolicyVariables(REQUEST, PolicyVersion.V2008_10_17);
        assertEquals(Optional.of(List.of(PatternPiece.pattern("home/${aws:username}/*"))),
                v2008.expand("home/${aws:username}/*"));
    }

    @Test
    void usernameExistsOnlyForIamUsers() {
        PolicyVariables role = new PolicyVariables(RequestContext.of(Fixtures.DEPLOYER, "ecr:PutImage", "*"),
                PolicyVersion.V2012_10_17);
        assertEquals(Optional.empty(), role.expandToText("${aws:username}"));
        assertEquals(Optional.of("AROADEPLOYER0000003:build-42"), role.expandToText("${aws:userid}"));
        assertEquals(Optional.of("arn:aws:iam::123456789012:role/ci/deployer"),
                role.expandToText("${aws:PrincipalArn}"));
    }
}
