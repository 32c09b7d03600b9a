package io.berth.auth.policy;

import java.util.List;
import java.util.Map;

/** Accounts, principals and helpers shared by the policy tests. */
final class Fixtures {
    static final String ACCOUNT = "123456789012";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String REGION = "us-east-1";

    static final RequestPrincipal ALICE = RequestPrincipal.iamUser(ACCOUNT, "/", "alice", "AIDAALICE0000000001",
            Map.of("team", "platform", "CostCenter", "12345"));
    static final RequestPrincipal BOB = RequestPrincipal.iamUser(ACCOUNT, "/dev/", "bob", "AIDABOB000000000002",
            Map.of("team", "apps"));
    static final RequestPrincipal DEPLOYER = RequestPrincipal.assumedRole(ACCOUNT, "/ci/", "deployer",
            "AROADEPLOYER0000003", "build-42", Map.of("team", "platform"));
    static final RequestPrincipal ROOT = RequestPrincipal.accountRoot(ACCOUNT);
    static final RequestPrincipal STRANGER = RequestPrincipal.iamUser(OTHER_ACCOUNT, "/", "carol",
            "AIDACAROL0000000004", Map.of());

    private Fixtures() {
    }

    /** JSON written with single quotes, for readable tables. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static String repo(String name) {
        return "arn:aws:ecr:" + REGION + ":" + ACCOUNT + ":repository/" + name;
    }

    static NamedPolicy identity(String name, String singleQuotedJson) {
        return new NamedPolicy(name, PolicyDocument.parseIdentity(json(singleQuotedJson)));
    }

    static NamedPolicy resource(String name, String singleQuotedJson) {
        return new NamedPolicy(name, PolicyDocument.parseResource(json(singleQuotedJson)));
    }

    static PolicySet identityOnly(NamedPolicy... policies) {
        return PolicySet.identity(List.of(policies));
    }
}
