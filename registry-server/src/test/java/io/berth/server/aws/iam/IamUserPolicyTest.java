package io.berth.server.aws.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.aws.query.XmlDoc;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IamUserPolicyTest extends IamTestBase {

    @BeforeEach
    void alice() {
        createUser("alice", "/dev/");
    }

    @Test
    void putAndGetAnInlinePolicyUrlEncodedAsIamReturnsIt() {
        XmlDoc put = ok("Action", "PutUserPolicy", "UserName", "alice", "PolicyName", "push", "PolicyDocument",
                DOCUMENT);
        assertFalse(put.has("PutUserPolicyResult"));
        assertEquals("iam:PutUserPolicy", f.authorizer.last().action());
        assertEquals(arn("user/dev/alice"), f.authorizer.last().resource());

        XmlDoc xml = ok("Action", "GetUserPolicy", "UserName", "alice", "PolicyName", "push");
        assertEquals(List.of("UserName", "PolicyName", "PolicyDocument"), xml.children("GetUserPolicyResult"));
        assertEquals("alice", xml.text("GetUserPolicyResult/UserName"));
        assertEquals("push", xml.text("GetUserPolicyResult/PolicyName"));
        String encoded = xml.text("GetUserPolicyResult/PolicyDocument");
        assertTrue(encoded.startsWith("%7B%22Version%22%3A%20%222012-10-17%22"), encoded);
        assertFalse(encoded.contains("+"));
        assertEquals(DOCUMENT, URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        assertEquals("iam:GetUserPolicy", f.authorizer.last().action());
    }

    @Test
    void inlinePolicyRefusals() {
        assertError(fail("Action", "GetUserPolicy", "UserName", "alice", "PolicyName", "none"), 404, "NoSuchEntity",
                "The user policy with name none cannot be found.");
        assertError(fail("Action", "PutUserPolicy", "UserName", "alice", "PolicyName", "p", "PolicyDocument",
                "{\"" + AwsFixture.MALFORMED + "\": 1}"), 400, "MalformedPolicyDocument", "Syntax errors in policy.");
        assertError(fail("Action", "PutUserPolicy", "UserName", "alice", "PolicyName", "bad name", "PolicyDocument",
                DOCUMENT), 400, "ValidationError", null);
        assertError(fail("Action", "PutUserPolicy", "UserName", "alice", "PolicyName", "p", "PolicyDocument",
                "{\"Statement\": \"\u4e2d\"}"), 400, "ValidationError", null);
        assertError(fail("Action", "PutUserPolicy", "UserName", "alice", "PolicyName", "p"), 400,
                "ValidationError", "1 validation error detected: Value null at 'policyDocument' failed to satisfy "
                        + "constraint: Member must not be null");
        assertError(fail("Action", "PutUserPolicy", "UserName", "nobody", "PolicyName", "p", "PolicyDocument",
                DOCUMENT), 404, "NoSuchEntity", null);
    }

    @Test
    void listAndDeleteInlinePolicies() {
        for (String name : List.of("zeta", "alpha", "mid")) {
            ok("Action", "PutUserPolicy", "UserName", "alice", "PolicyName", name, "PolicyDocument", DOCUMENT);
        }
        XmlDoc xml = ok("Action", "ListUserPolicies", "UserName", "alice");
        assertEquals(List.of("alpha", "mid", "zeta"), xml.texts("ListUserPoliciesResult/PolicyNames/member"));
        assertEquals("false", xml.text("ListUserPoliciesResult/IsTruncated"));
        assertEquals("iam:ListUserPolicies", f.authorizer.last().action());

        XmlDoc page = ok("Action", "ListUserPolicies", "UserName", "alice", "MaxItems", "1");
        assertEquals(List.of("alpha"), page.texts("ListUserPoliciesResult/PolicyNames/member"));
        assertEquals("true", page.text("ListUserPoliciesResult/IsTruncated"));

        ok("Action", "DeleteUserPolicy", "UserName", "alice", "PolicyName", "mid");
        assertEquals("iam:DeleteUserPolicy", f.authorizer.last().action());
        assertEquals(List.of("alpha", "zeta"), ok("Action", "ListUserPolicies", "UserName", "alice")
                .texts("ListUserPoliciesResult/PolicyNames/member"));
        assertError(fail("Action", "DeleteUserPolicy", "UserName", "alice", "PolicyName", "mid"), 404,
                "NoSuchEntity", null);
    }

    @Test
    void attachDetachAndListManagedPolicies() {
        String mine = ok("Action", "CreatePolicy", "PolicyName", "mine", "Path", "/team/", "PolicyDocument",
                DOCUMENT).text("CreatePolicyResult/Policy/Arn");
        ok("Action", "AttachUserPolicy", "UserName", "alice", "PolicyArn", READ_ONLY);
        TableAuthorizer.Check check = f.authorizer.last();
        assertEquals("iam:AttachUserPolicy", check.action());
        assertEquals(arn("user/dev/alice"), check.resource());
        assertEquals(List.of(READ_ONLY), check.context().get("iam:PolicyARN"));
        ok("Action", "AttachUserPolicy", "UserName", "alice", "PolicyArn", mine);

        XmlDoc xml = ok("Action", "ListAttachedUserPolicies", "UserName", "alice");
        assertEquals(List.of("mine", "AmazonEC2ContainerRegistryReadOnly"),
                xml.texts("ListAttachedUserPoliciesResult/AttachedPolicies/member/PolicyName"));
        assertEquals(List.of(mine, READ_ONLY),
                xml.texts("ListAttachedUserPoliciesResult/AttachedPolicies/member/PolicyArn"));
        assertEquals("false", xml.text("ListAttachedUserPoliciesResult/IsTruncated"));
        assertEquals("iam:ListAttachedUserPolicies", f.authorizer.last().action());
        assertEquals(List.of(mine), ok("Action", "ListAttachedUserPolicies", "UserName", "alice", "PathPrefix",
                "/team/").texts("ListAttachedUserPoliciesResult/AttachedPolicies/member/PolicyArn"));

        ok("Action", "DetachUserPolicy", "UserName", "alice", "PolicyArn", READ_ONLY);
        assertEquals("iam:DetachUserPolicy", f.authorizer.last().action());
        assertEquals(List.of(mine), ok("Action", "ListAttachedUserPolicies", "UserName", "alice")
                .texts("ListAttachedUserPoliciesResult/AttachedPolicies/member/PolicyArn"));
        assertError(fail("Action", "DetachUserPolicy", "UserName", "alice", "PolicyArn", READ_ONLY), 404,
                "NoSuchEntity", null);
    }

    @Test
    void attachedPoliciesApplyToTheUser() {
        ok("Action", "AttachUserPolicy", "UserName", "alice", "PolicyArn", POWER_USER);
        ok("Action", "PutUserPolicy", "UserName", "alice", "PolicyName", "inline", "PolicyDocument", DOCUMENT);
        var names = f.identities.policiesOf(f.user("alice").principal()).stream()
                .map(policy -> policy.name()).toList();
        assertTrue(names.containsAll(List.of(POWER_USER, "inline")), names.toString());
    }

    @Test
    void attachRefusals() {
        assertError(fail("Action", "AttachUserPolicy", "UserName", "alice", "PolicyArn", arn("policy/none")), 404,
                "NoSuchEntity", "Policy " + arn("policy/none") + " does not exist or is not attachable.");
        assertError(fail("Action", "AttachUserPolicy", "UserName", "alice", "PolicyArn", "short"), 400,
                "ValidationError", null);
        assertError(fail("Action", "AttachUserPolicy", "UserName", "nobody", "PolicyArn", READ_ONLY), 404,
                "NoSuchEntity", null);
    }
}
