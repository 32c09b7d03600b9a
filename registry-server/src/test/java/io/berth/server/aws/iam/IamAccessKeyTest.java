package io.berth.server.aws.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.aws.query.XmlDoc;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IamAccessKeyTest extends IamTestBase {

    @BeforeEach
    void alice() {
        createUser("alice", "/dev/");
    }

    private String createKey(String user) {
        return ok("Action", "CreateAccessKey", "UserName", user).text("CreateAccessKeyResult/AccessKey/AccessKeyId");
    }

    @Test
    void createAccessKeyAnswersTheSecretOnce() {
        XmlDoc xml = ok("Action", "CreateAccessKey", "UserName", "alice");
        assertEquals(List.of("UserName", "AccessKeyId", "Status", "SecretAccessKey", "CreateDate"),
                xml.children("CreateAccessKeyResult/AccessKey"));
        String id = xml.text("CreateAccessKeyResult/AccessKey/AccessKeyId");
        assertTrue(id.matches("AKIA[A-Z2-7]{16}"), id);
        assertEquals("alice", xml.text("CreateAccessKeyResult/AccessKey/UserName"));
        assertEquals("Active", xml.text("CreateAccessKeyResult/AccessKey/Status"));
        assertEquals(40, xml.text("CreateAccessKeyResult/AccessKey/SecretAccessKey").length());
        assertEquals("2026-11-22T04:00:00Z", xml.text("CreateAccessKeyResult/AccessKey/CreateDate"));
        assertEquals(xml.text("CreateAccessKeyResult/AccessKey/SecretAccessKey"),
                f.keys.usable(id).orElseThrow().secret());
        assertEquals("iam:CreateAccessKey", f.authorizer.last().action());
        assertEquals(arn("user/dev/alice"), f.authorizer.last().resource());
    }

    @Test
    void aUserHasTwoKeysAtMost() {
        createKey("alice");
        createKey("alice");
        assertError(fail("Action", "CreateAccessKey", "UserName", "alice"), 409, "LimitExceeded",
                "Cannot exceed quota for AccessKeysPerUser: 2");
    }

    @Test
    void createAccessKeyForAnUnknownUser() {
        assertError(fail("Action", "CreateAccessKey", "UserName", "nobody"), 404, "NoSuchEntity",
                "The user with name nobody cannot be found.");
        assertTrue(f.keys.ofUser("nobody").isEmpty());
    }

    @Test
    void withoutUserNameTheCallingUsersKeysAreMeant() {
        XmlDoc xml = okAs(f.user("alice"), "Action", "CreateAccessKey");
        assertEquals("alice", xml.text("CreateAccessKeyResult/AccessKey/UserName"));
        XmlDoc list = okAs(f.user("alice"), "Action", "ListAccessKeys");
        assertEquals(List.of("alice"), list.texts("ListAccessKeysResult/AccessKeyMetadata/member/UserName"));
    }

    @Test
    void withoutUserNameTheRootListsItsOwnKeyButCannotChangeIt() {
        XmlDoc list = ok("Action", "ListAccessKeys");
        assertEquals(List.of(f.root().key().accessKeyId()),
                list.texts("ListAccessKeysResult/AccessKeyMetadata/member/AccessKeyId"));
        assertFalse(list.has("ListAccessKeysResult/AccessKeyMetadata/member/UserName"));
        assertError(fail("Action", "CreateAccessKey"), 400, "InvalidInput", null);
        assertError(fail("Action", "DeleteAccessKey", "AccessKeyId", f.root().key().accessKeyId()), 400,
                "InvalidInput", null);
    }

    @Test
    void aRoleSessionMustNameTheUser() {
        ok("Action", "CreateRole", "RoleName", "r", "AssumeRolePolicyDocument", TRUST);
        assertError(failAs(f.session("r", "s"), "Action", "ListAccessKeys"), 400, "ValidationError",
                "Must specify userName when calling with non-User credentials");
    }

    @Test
    void listAccessKeysShowsNoSecrets() {
        String first = createKey("alice");
        String second = createKey("alice");
        XmlDoc xml = ok("Action", "ListAccessKeys", "UserName", "alice");
        assertEquals(2, xml.count("ListAccessKeysResult/AccessKeyMetadata/member"));
        assertEquals(List.of(first, second).stream().sorted().toList(),
                xml.texts("ListAccessKeysResult/AccessKeyMetadata/member/AccessKeyId"));
        assertEquals(List.of("UserName", "AccessKeyId", "Status", "CreateDate"),
                xml.children("ListAccessKeysResult/AccessKeyMetadata/member[1]"));
        assertEquals("false", xml.text("ListAccessKeysResult/IsTruncated"));
        assertEquals("iam:ListAccessKeys", f.authorizer.last().action());
        assertError(fail("Action", "ListAccessKeys", "UserName", "nobody"), 404, "NoSuchEntity", null);
    }

    @Test
    void updateAccessKeyDeactivatesAndReactivates() {
        String id = createKey("alice");
        XmlDoc xml = ok("Action", "UpdateAccessKey", "UserName", "alice", "AccessKeyId", id, "Status", "Inactive");
        assertFalse(xml.has("UpdateAccessKeyResult"));
        assertEquals("iam:UpdateAccessKey", f.authorizer.last().action());
        assertTrue(f.keys.usable(id).isEmpty());
        assertEquals("Inactive", ok("Action", "ListAccessKeys", "UserName", "alice")
                .text("ListAccessKeysResult/AccessKeyMetadata/member/Status"));
        ok("Action", "UpdateAccessKey", "UserName", "alice", "AccessKeyId", id, "Status", "Active");
        assertTrue(f.keys.usable(id).isPresent());
    }

    @Test
    void updateAccessKeyRefusals() {
        String id = createKey("alice");
        assertError(fail("Action", "UpdateAccessKey", "UserName", "alice", "AccessKeyId", id, "Status", "Off"),
                400, "ValidationError", "1 validation error detected: Value 'Off' at 'status' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [Active, Inactive]");
        assertError(fail("Action", "UpdateAccessKey", "UserName", "alice", "AccessKeyId", id), 400,
                "ValidationError", null);
        assertError(fail("Action", "UpdateAccessKey", "UserName", "alice", "AccessKeyId", "AKIAUNKNOWNUNKNOWN00",
                "Status", "Inactive"), 404, "NoSuchEntity", "The Access Key with id AKIAUNKNOWNUNKNOWN00 cannot be "
                + "found.");
        assertError(fail("Action", "UpdateAccessKey", "UserName", "alice", "AccessKeyId", "short", "Status",
                "Active"), 400, "ValidationError", null);
    }

    @Test
    void deleteAccessKey() {
        String id = createKey("alice");
        ok("Action", "DeleteAccessKey", "UserName", "alice", "AccessKeyId", id);
        assertTrue(f.keys.find(id).isEmpty());
        assertEquals("iam:DeleteAccessKey", f.authorizer.last().action());
        assertEquals(arn("user/dev/alice"), f.authorizer.last().resource());
        assertError(fail("Action", "DeleteAccessKey", "UserName", "alice", "AccessKeyId", id), 404, "NoSuchEntity",
                null);
    }

    @Test
    void aUserCannotTouchAnotherUsersKeyByItsId() {
        createUser("bob");
        String bobs = createKey("bob");
        assertError(fail("Action", "DeleteAccessKey", "UserName", "alice", "AccessKeyId", bobs), 404,
                "NoSuchEntity", null);
        assertTrue(f.keys.find(bobs).isPresent());
    }
}
