package io.berth.server.aws.sts;

import static io.berth.server.aws.iam.AwsFixture.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.auth.identity.Records.User;
import io.berth.auth.policy.PolicyEvaluator;
import io.berth.server.aws.iam.AwsFixture;
import io.berth.server.aws.query.XmlDoc;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StsServiceTest {
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"123456789012\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final AwsFixture f = new AwsFixture();
    private final StsService sts = new StsService(f.identities, new PolicyEvaluator(f.clock));

    @Test
    void callerIdentityOfTheRoot() {
        XmlDoc xml = f.ok(sts, f.root(), form("Action", "GetCallerIdentity", "Version", "2011-06-15"));
        assertEquals("123456789012", xml.text("GetCallerIdentityResult/UserId"));
        assertEquals("123456789012", xml.text("GetCallerIdentityResult/Account"));
        assertEquals("arn:aws:iam::123456789012:root", xml.text("GetCallerIdentityResult/Arn"));
        assertTrue(xml.text("ResponseMetadata/RequestId").matches("[0-9a-f-]{36}"));
    }

    @Test
    void callerIdentityOfAUser() {
        User alice = f.directory.createUser("alice", "/dev/", Map.of());
        XmlDoc xml = f.ok(sts, f.user("alice"), form("Action", "GetCallerIdentity"));
        assertEquals(alice.userId(), xml.text("GetCallerIdentityResult/UserId"));
        assertEquals("123456789012", xml.text("GetCallerIdentityResult/Account"));
        assertEquals("arn:aws:iam::123456789012:user/dev/alice", xml.text("GetCallerIdentityResult/Arn"));
    }

    @Test
    void callerIdentityOfARoleSession() {
        var role = f.directory.createRole("pusher", "/ci/", TRUST, null, Map.of());
        XmlDoc xml = f.ok(sts, f.session("pusher", "build-42"), form("Action", "GetCallerIdentity"));
        assertEquals(role.roleId() + ":build-42", xml.text("GetCallerIdentityResult/UserId"));
        assertEquals("arn:aws:sts::123456789012:assumed-role/pusher/build-42",
                xml.text("GetCallerIdentityResult/Arn"));
    }

    @Test
    void callerIdentityNeedsNoPermission() {
        f.authorizer.denyAll();
        f.ok(sts, f.root(), form("Action", "GetCallerIdentity"));
        assertTrue(f.authorizer.checks().isEmpty());
    }

    @Test
    void unknownAndMissingActions() {
        XmlDoc unknown = f.fail(sts, f.root(), form("Action", "GetSessionToken", "Version", "2011-06-15"));
        assertEquals(400, unknown.status());
        assertEquals("InvalidAction", unknown.text("Error/Code"));
        assertEquals("Could not find operation GetSessionToken for version 2011-06-15", unknown.text("Error/Message"));
        assertEquals("MissingAction", f.fail(sts, f.root(), "Version=2011-06-15").text("Error/Code"));
        assertEquals("sts", sts.name());
    }
}
