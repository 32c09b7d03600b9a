package io.berth.server.aws.sts;

import static io.berth.server.aws.iam.AwsFixture.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.identity.Records.Role;
import io.berth.auth.policy.PolicyEvaluator;
import io.berth.auth.policy.RequestPrincipal;
import io.berth.server.aws.iam.AwsFixture;
import io.berth.server.aws.query.XmlDoc;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssumeRoleTest {
    private static final String ACCOUNT = AwsFixture.ACCOUNT_ID;
    private static final String ALICE = "arn:aws:iam::" + ACCOUNT + ":user/dev/alice";
    private static final String DIRECT = "arn:aws:iam::" + ACCOUNT + ":role/direct";
    private static final String DELEGATED = "arn:aws:iam::" + ACCOUNT + ":role/ci/delegated";

    private final AwsFixture f = new AwsFixture();
    private final StsService sts = new StsService(f.identities, new PolicyEvaluator(f.clock));
    private Role direct;

    private static String trust(String principal, String extra) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + principal + "\"},\"Action\":\"sts:AssumeRole\"" + extra + "}]}";
    }

    private static String allow(String effect, String roleArn) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":"
                + "\"sts:AssumeRole\",\"Resource\":\"" + roleArn + "\"}]}";
    }

    @BeforeEach
    void world() {
        f.directory.createUser("alice", "/dev/", Map.of());
        f.directory.createUser("bob", "/", Map.of());
        direct = f.directory.createRole("direct", "/", trust(ALICE, ""), null, Map.of());
        f.directory.createRole("delegated", "/ci/", trust("arn:aws:iam::" + ACCOUNT + ":root", ""), 7200, Map.of());
    }

    private XmlDoc assume(AwsFixture.Caller caller, String... extra) {
        return f.ok(sts, caller, form("Action", "AssumeRole", "Version", "2011-06-15") + "&" + form(extra));
    }

    private XmlDoc refuse(AwsFixture.Caller caller, String... extra) {
        return f.fail(sts, caller, form("Action", "AssumeRole", "Version", "2011-06-15") + "&" + form(extra));
    }

    private static void assertDenied(XmlDoc error, String callerArn, String roleArn) {
        assertEquals(403, error.status());
        assertEquals("Sender", error.text("Error/Type"));
        assertEquals("AccessDenied", error.text("Error/Code"));
        assertEquals("User: " + callerArn + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn,
                error.text("Error/Message"));
    }

    private static void assertValidation(XmlDoc error, String message) {
        assertEquals(400, error.status());
        assertEquals("ValidationError", error.text("Error/Code"));
        if (message != null) {
            assertEquals(message, error.text("Error/Message"));
        }
    }

    @Test
    void aTrustPolicyNamingTheUserIsEnoughAndIssuesSessionCredentials() {
        XmlDoc xml = assume(f.user("alice"), "RoleArn", DIRECT, "RoleSessionName", "build-42");
        assertEquals(List.of("Credentials", "AssumedRoleUser"), xml.children("AssumeRoleResult"));
        assertEquals(List.of("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"),
                xml.children("AssumeRoleResult/Credentials"));
        String keyId = xml.text("AssumeRoleResult/Credentials/AccessKeyId");
        assertTrue(keyId.matches("ASIA[A-Z2-7]{16}"), keyId);
        assertEquals(40, xml.text("AssumeRoleResult/Credentials/SecretAccessKey").length());
        assertEquals("2026-11-22T05:00:00Z", xml.text("AssumeRoleResult/Credentials/Expiration"));
        assertEquals(direct.roleId() + ":build-42", xml.text("AssumeRoleResult/AssumedRoleUser/AssumedRoleId"));
        assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/direct/build-42",
                xml.text("AssumeRoleResult/AssumedRoleUser/Arn"));

        AccessKey key = f.keys.usable(keyId).orElseThrow();
        assertEquals(xml.text("AssumeRoleResult/Credentials/SecretAccessKey"), key.secret());
        assertEquals(xml.text("AssumeRoleResult/Credentials/SessionToken"), key.sessionToken());
        RequestPrincipal session = f.identities.principalOf(key).orElseThrow();
        assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/direct/build-42", session.arn());
        XmlDoc identity = f.ok(sts, new AwsFixture.Caller(session, key), form("Action", "GetCallerIdentity"));
        assertEquals(direct.roleId() + ":build-42", identity.text("GetCallerIdentityResult/UserId"));
    }

    @Test
    void aUserTheTrustPolicyDoesNotNameIsDenied() {
        assertDenied(refuse(f.user("bob"), "RoleArn", DIRECT, "RoleSessionName", "s1"),
                "arn:aws:iam::" + ACCOUNT + ":user/bob", DIRECT);
    }

    @Test
    void aTrustPolicyNamingTheAccountNeedsAnIdentityPolicyToo() {
        assertDenied(refuse(f.user("alice"), "RoleArn", DELEGATED, "RoleSessionName", "s1"), ALICE, DELEGATED);
        f.directory.putUserPolicy("alice", "assume", allow("Allow", DELEGATED));
        assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/delegated/s1",
                assume(f.user("alice"), "RoleArn", DELEGATED, "RoleSessionName", "s1")
                        .text("AssumeRoleResult/AssumedRoleUser/Arn"));
    }

    @Test
    void aGroupPolicyCountsAsTheUsersIdentityPolicy() {
        f.directory.createGroup("ci", "/");
        f.directory.putGroupPolicy("ci", "assume", allow("Allow", "arn:aws:iam::" + ACCOUNT + ":role/ci/*"));
        f.directory.addUserToGroup("ci", "bob");
        assume(f.user("bob"), "RoleArn", DELEGATED, "RoleSessionName", "s1");
    }

    @Test
    void anExplicitDenyInAnIdentityPolicyWinsOverTheTrustPolicy() {
        f.directory.putUserPolicy("alice", "no", allow("Deny", DIRECT));
        assertDenied(refuse(f.user("alice"), "RoleArn", DIRECT, "RoleSessionName", "s1"), ALICE, DIRECT);
    }

    @Test
    void anExplicitDenyInTheTrustPolicyWins() {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ALICE + "\"},\"Action\":\"sts:AssumeRole\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + ALICE + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        f.directory.createRole("both", "/", trust, null, Map.of());
        assertDenied(refuse(f.user("alice"), "RoleArn", "arn:aws:iam::" + ACCOUNT + ":role/both",
                "RoleSessionName", "s1"), ALICE, "arn:aws:iam::" + ACCOUNT + ":role/both");
    }

    @Test
    void theRootCannotAssumeRoles() {
        XmlDoc error = refuse(f.root(), "RoleArn", DIRECT, "RoleSessionName", "s1");
        assertEquals(403, error.status());
        assertEquals("AccessDenied", error.text("Error/Code"));
        assertEquals("Roles may not be assumed by root accounts.", error.text("Error/Message"));
    }

    @Test
    void aRoleThatDoesNotExistIsDeniedLikeAnyOther() {
        for (String arn : List.of("arn:aws:iam::" + ACCOUNT + ":role/none",
                "arn:aws:iam::" + ACCOUNT + ":role/wrongpath/direct",
                "arn:aws:iam::" + ACCOUNT + ":role/delegated",
                "arn:aws:iam::210987654321:role/direct",
                "arn:aws:iam::" + ACCOUNT + ":user/dev/alice")) {
            assertDenied(refuse(f.user("alice"), "RoleArn", arn, "RoleSessionName", "s1"), ALICE, arn);
        }
        assertValidation(refuse(f.user("alice"), "RoleArn", "this-is-not-an-arn-at-all", "RoleSessionName", "s1"),
                null);
        assertValidation(refuse(f.user("alice"), "RoleArn", "short", "RoleSessionName", "s1"),
                "1 validation error detected: Value 'short' at 'roleArn' failed to satisfy constraint: Member must "
                        + "have length greater than or equal to 20");
    }

    @Test
    void sessionNamesAreChecked() {
        assertValidation(refuse(f.user("alice"), "RoleArn", DIRECT, "RoleSessionName", "a"),
                "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member "
                        + "must have length greater than or equal to 2");
        assertValidation(refuse(f.user("alice"), "RoleArn", DIRECT, "RoleSessionName", "a b"),
                "1 validation error detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member "
                        + "must satisfy regular expression pattern: [\\w+=,.@-]*");
        assertValidation(refuse(f.user("alice"), "RoleArn", DIRECT), "1 validation error detected: Value null at "
                + "'roleSessionName' failed to satisfy constraint: Member must not be null");
        assume(f.user("alice"), "RoleArn", DIRECT, "RoleSessionName", "a+=,.@-_1");
    }

    @Test
    void durationIsBetweenFifteenMinutesAndTheRolesMaximum() {
        assertEquals("2026-11-22T04:15:00Z", assume(f.user("alice"), "RoleArn", DIRECT, "RoleSessionName", "s1",
                "DurationSeconds", "900").text("AssumeRoleResult/Credentials/Expiration"));
        assertValidation(refuse(f.user("alice"), "RoleArn", DIRECT, "RoleSessionName", "s1", "DurationSeconds",
                "899"), "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: "
                + "Member must have value greater than or equal to 900");
        assertValidation(refuse(f.user("alice"), "RoleArn", DIRECT, "RoleSessionName", "s1", "DurationSeconds",
                "3601"), "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        f.directory.putUserPolicy("alice", "assume", allow("Allow", DELEGATED));
        assertEquals("2026-11-22T06:00:00Z", assume(f.user("alice"), "RoleArn", DELEGATED, "RoleSessionName", "s1",
                "DurationSeconds", "7200").text("AssumeRoleResult/Credentials/Expiration"));
    }

    @Test
    void roleChainingIsLimitedToOneHour() {
        f.directory.createRole("chained", "/", trust(DIRECT, ""), 43200, Map.of());
        String chained = "arn:aws:iam::" + ACCOUNT + ":role/chained";
        AwsFixture.Caller session = f.session("direct", "first");
        assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/chained/second", assume(session, "RoleArn", chained,
                "RoleSessionName", "second").text("AssumeRoleResult/AssumedRoleUser/Arn"));
        assertValidation(refuse(session, "RoleArn", chained, "RoleSessionName", "second", "DurationSeconds", "3601"),
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        assertDenied(refuse(f.session("delegated", "x"), "RoleArn", chained, "RoleSessionName", "second"),
                "arn:aws:sts::" + ACCOUNT + ":assumed-role/delegated/x", chained);
    }

    @Test
    void trustConditionsSeeTheExternalIdAndSessionName() {
        f.directory.createRole("external", "/", trust(ALICE,
                ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"x-123\"},"
                        + "\"StringLike\":{\"sts:RoleSessionName\":\"ci-*\"}}"), null, Map.of());
        String role = "arn:aws:iam::" + ACCOUNT + ":role/external";
        assertDenied(refuse(f.user("alice"), "RoleArn", role, "RoleSessionName", "ci-1"), ALICE, role);
        assertDenied(refuse(f.user("alice"), "RoleArn", role, "RoleSessionName", "me", "ExternalId", "x-123"),
                ALICE, role);
        assume(f.user("alice"), "RoleArn", role, "RoleSessionName", "ci-1", "ExternalId", "x-123");
    }

    @Test
    void trustConditionsSeeTheRolesTags() {
        String condition = ",\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/stage\":\"prod\"}}";
        f.directory.createRole("prod", "/", trust(ALICE, condition), null, Map.of("stage", "prod"));
        f.directory.createRole("dev", "/", trust(ALICE, condition), null, Map.of("stage", "dev"));
        assume(f.user("alice"), "RoleArn", "arn:aws:iam::" + ACCOUNT + ":role/prod", "RoleSessionName", "s1");
        assertDenied(refuse(f.user("alice"), "RoleArn", "arn:aws:iam::" + ACCOUNT + ":role/dev", "RoleSessionName",
                "s1"), ALICE, "arn:aws:iam::" + ACCOUNT + ":role/dev");
    }

    @Test
    void sessionPoliciesTagsAndMfaAreRefusedNotIgnored() {
        for (String[] extra : List.of(new String[] {"Policy", "{}"},
                new String[] {"PolicyArns.member.1.arn", "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"},
                new String[] {"Tags.member.1.Key", "k", "Tags.member.1.Value", "v"},
                new String[] {"SerialNumber", "arn:aws:iam::123456789012:mfa/alice", "TokenCode", "123456"},
                new String[] {"SourceIdentity", "alice"})) {
            String[] request = new String[extra.length + 4];
            request[0] = "RoleArn";
            request[1] = DIRECT;
            request[2] = "RoleSessionName";
            request[3] = "s1";
            System.arraycopy(extra, 0, request, 4, extra.length);
            assertValidation(refuse(f.user("alice"), request), null);
        }
        assertTrue(f.keys.ofUser("alice").isEmpty());
    }
}
