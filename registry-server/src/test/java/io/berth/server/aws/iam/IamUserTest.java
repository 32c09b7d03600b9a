package io.berth.server.aws.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.aws.query.XmlDoc;
import java.util.List;
import org.junit.jupiter.api.Test;

class IamUserTest extends IamTestBase {

    @Test
    void createUserAnswersIamsUserShape() {
        XmlDoc xml = ok("Action", "CreateUser", "Version", "2010-05-08", "UserName", "alice", "Path", "/dev/",
                "Tags.member.1.Key", "team", "Tags.member.1.Value", "blue sky");
        assertEquals(List.of("Path", "UserName", "UserId", "Arn", "CreateDate", "Tags"),
                xml.children("CreateUserResult/User"));
        assertEquals("/dev/", xml.text("CreateUserResult/User/Path"));
        assertEquals("alice", xml.text("CreateUserResult/User/UserName"));
        assertTrue(xml.text("CreateUserResult/User/UserId").matches("AIDA[A-Z2-7]{16}"));
        assertEquals(arn("user/dev/alice"), xml.text("CreateUserResult/User/Arn"));
        assertEquals("2026-11-22T04:00:00Z", xml.text("CreateUserResult/User/CreateDate"));
        assertEquals("team", xml.text("CreateUserResult/User/Tags/member/Key"));
        assertEquals("blue sky", xml.text("CreateUserResult/User/Tags/member/Value"));
        assertTrue(xml.text("ResponseMetadata/RequestId").matches("[0-9a-f-]{36}"));
    }

    @Test
    void createUserIsAuthorizedOnTheNewUsersArnWithTheRequestTags() {
        ok("Action", "CreateUser", "UserName", "alice", "Path", "/dev/", "Tags.member.1.Key", "team",
                "Tags.member.1.Value", "blue");
        TableAuthorizer.Check check = f.authorizer.last();
        assertEquals("iam:CreateUser", check.action());
        assertEquals(arn("user/dev/alice"), check.resource());
        assertEquals(List.of("blue"), check.context().get("aws:RequestTag/team"));
        assertEquals(List.of("team"), check.context().get("aws:TagKeys"));
        assertEquals(List.of("127.0.0.1"), check.context().get("aws:SourceIp"));
        assertEquals(arn("root"), check.principalArn());
    }

    @Test
    void createUserWithoutTagsHasNoTagsElement() {
        XmlDoc xml = ok("Action", "CreateUser", "UserName", "bob");
        assertFalse(xml.has("CreateUserResult/User/Tags"));
        assertEquals("/", xml.text("CreateUserResult/User/Path"));
    }

    @Test
    void createUserRefusals() {
        createUser("alice");
        assertError(fail("Action", "CreateUser", "UserName", "alice"), 409, "EntityAlreadyExists",
                "User with name alice already exists.");
        assertError(fail("Action", "CreateUser", "UserName", "a b"), 400, "ValidationError",
                "1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint: Member must "
                        + "satisfy regular expression pattern: [\\w+=,.@-]+");
        assertError(fail("Action", "CreateUser"), 400, "ValidationError", "1 validation error detected: Value null "
                + "at 'userName' failed to satisfy constraint: Member must not be null");
        assertError(fail("Action", "CreateUser", "UserName", "u".repeat(65)), 400, "ValidationError", null);
        assertError(fail("Action", "CreateUser", "UserName", "carol", "Path", "dev"), 400, "ValidationError", null);
        assertError(fail("Action", "CreateUser", "UserName", "carol", "PermissionsBoundary",
                arn("policy/boundary")), 400, "InvalidInput", "Berth does not support permissions boundaries.");
    }

    @Test
    void accessDeniedIsIamsAccessDeniedAndChangesNothing() {
        f.authorizer.deny("iam:CreateUser");
        assertError(fail("Action", "CreateUser", "UserName", "alice"), 403, "AccessDenied", "User: " + arn("root")
                + " is not authorized to perform: iam:CreateUser on resource: " + arn("user/alice")
                + " because no identity-based policy allows the iam:CreateUser action");
        assertTrue(f.directory.users().isEmpty());
    }

    @Test
    void getUserByName() {
        ok("Action", "CreateUser", "UserName", "alice", "Path", "/dev/", "Tags.member.1.Key", "team",
                "Tags.member.1.Value", "blue");
        XmlDoc xml = ok("Action", "GetUser", "UserName", "alice");
        assertEquals(arn("user/dev/alice"), xml.text("GetUserResult/User/Arn"));
        assertEquals("blue", xml.text("GetUserResult/User/Tags/member/Value"));
        assertEquals("iam:GetUser", f.authorizer.last().action());
        assertEquals(arn("user/dev/alice"), f.authorizer.last().resource());
    }

    @Test
    void getUserWithoutNameIsTheCallingUser() {
        createUser("alice", "/dev/");
        XmlDoc xml = okAs(f.user("alice"), "Action", "GetUser");
        assertEquals("alice", xml.text("GetUserResult/User/UserName"));
        assertEquals(arn("user/dev/alice"), f.authorizer.last().resource());
        assertEquals(arn("user/dev/alice"), f.authorizer.last().principalArn());
    }

    @Test
    void getUserWithoutNameAsRootDescribesTheRoot() {
        XmlDoc xml = ok("Action", "GetUser");
        assertEquals(List.of("UserId", "Arn", "CreateDate"), xml.children("GetUserResult/User"));
        assertEquals(ACCOUNT, xml.text("GetUserResult/User/UserId"));
        assertEquals(arn("root"), xml.text("GetUserResult/User/Arn"));
        assertEquals("2026-11-21T04:00:00Z", xml.text("GetUserResult/User/CreateDate"));
    }

    @Test
    void getUserWithoutNameFromARoleSessionIsRefused() {
        ok("Action", "CreateRole", "RoleName", "r", "AssumeRolePolicyDocument", TRUST);
        assertError(failAs(f.session("r", "s"), "Action", "GetUser"), 400, "ValidationError",
                "Must specify userName when calling with non-User credentials");
    }

    @Test
    void getUnknownUser() {
        assertError(fail("Action", "GetUser", "UserName", "nobody"), 404, "NoSuchEntity",
                "The user with name nobody cannot be found.");
        assertEquals(arn("user/nobody"), f.authorizer.last().resource());
    }

    @Test
    void listUsersFiltersByPathAndPages() {
        createUser("carol", "/ops/");
        createUser("alice", "/dev/");
        ok("Action", "CreateUser", "UserName", "bob", "Path", "/dev/team/", "Tags.member.1.Key", "k",
                "Tags.member.1.Value", "v");
        XmlDoc all = ok("Action", "ListUsers");
        assertEquals(List.of("alice", "bob", "carol"), all.texts("ListUsersResult/Users/member/UserName"));
        assertEquals("false", all.text("ListUsersResult/IsTruncated"));
        assertFalse(all.has("ListUsersResult/Marker"));
        assertFalse(all.has("ListUsersResult/Users/member/Tags"));
        assertEquals("iam:ListUsers", f.authorizer.last().action());
        assertEquals("*", f.authorizer.last().resource());

        XmlDoc dev = ok("Action", "ListUsers", "PathPrefix", "/dev/");
        assertEquals(List.of("alice", "bob"), dev.texts("ListUsersResult/Users/member/UserName"));

        XmlDoc first = ok("Action", "ListUsers", "MaxItems", "2");
        assertEquals(List.of("alice", "bob"), first.texts("ListUsersResult/Users/member/UserName"));
        assertEquals("true", first.text("ListUsersResult/IsTruncated"));
        XmlDoc second = ok("Action", "ListUsers", "MaxItems", "2", "Marker", first.text("ListUsersResult/Marker"));
        assertEquals(List.of("carol"), second.texts("ListUsersResult/Users/member/UserName"));
        assertEquals("false", second.text("ListUsersResult/IsTruncated"));
    }

    @Test
    void listUsersWhenThereAreNone() {
        XmlDoc xml = ok("Action", "ListUsers");
        assertEquals(0, xml.count("ListUsersResult/Users/member"));
        assertTrue(xml.has("ListUsersResult/Users"));
    }

    @Test
    void deleteUser() {
        createUser("alice");
        XmlDoc xml = ok("Action", "DeleteUser", "UserName", "alice");
        assertFalse(xml.has("DeleteUserResult"));
        assertEquals(arn("user/alice"), f.authorizer.last().resource());
        assertError(fail("Action", "GetUser", "UserName", "alice"), 404, "NoSuchEntity", null);
        assertError(fail("Action", "DeleteUser", "UserName", "alice"), 404, "NoSuchEntity", null);
    }

    @Test
    void deleteUserConflictsWhileSomethingRemains() {
        createUser("alice");
        ok("Action", "CreateAccessKey", "UserName", "alice");
        assertError(fail("Action", "DeleteUser", "UserName", "alice"), 409, "DeleteConflict",
                "Cannot delete entity, must delete access keys first.");
        f.keys.ofUser("alice").forEach(key -> f.keys.deleteForUser("alice", key.accessKeyId()));

        ok("Action", "PutUserPolicy", "UserName", "alice", "PolicyName", "p", "PolicyDocument", DOCUMENT);
        assertError(fail("Action", "DeleteUser", "UserName", "alice"), 409, "DeleteConflict",
                "Cannot delete entity, must delete policies first.");
        ok("Action", "DeleteUserPolicy", "UserName", "alice", "PolicyName", "p");

        ok("Action", "AttachUserPolicy", "UserName", "alice", "PolicyArn", READ_ONLY);
        assertError(fail("Action", "DeleteUser", "UserName", "alice"), 409, "DeleteConflict", null);
        ok("Action", "DetachUserPolicy", "UserName", "alice", "PolicyArn", READ_ONLY);

        ok("Action", "CreateGroup", "GroupName", "devs");
        ok("Action", "AddUserToGroup", "GroupName", "devs", "UserName", "alice");
        assertError(fail("Action", "DeleteUser", "UserName", "alice"), 409, "DeleteConflict",
                "Cannot delete entity, must remove users from group first.");
        ok("Action", "RemoveUserFromGroup", "GroupName", "devs", "UserName", "alice");

        ok("Action", "DeleteUser", "UserName", "alice");
    }

    @Test
    void listGroupsForUser() {
        createUser("alice");
        ok("Action", "CreateGroup", "GroupName", "ops", "Path", "/teams/");
        ok("Action", "CreateGroup", "GroupName", "devs");
        ok("Action", "CreateGroup", "GroupName", "others");
        ok("Action", "AddUserToGroup", "GroupName", "ops", "UserName", "alice");
        ok("Action", "AddUserToGroup", "GroupName", "devs", "UserName", "alice");
        XmlDoc xml = ok("Action", "ListGroupsForUser", "UserName", "alice");
        assertEquals(List.of("devs", "ops"), xml.texts("ListGroupsForUserResult/Groups/member/GroupName"));
        assertEquals(List.of(arn("group/devs"), arn("group/teams/ops")),
                xml.texts("ListGroupsForUserResult/Groups/member/Arn"));
        assertEquals("false", xml.text("ListGroupsForUserResult/IsTruncated"));
        assertEquals("iam:ListGroupsForUser", f.authorizer.last().action());
        assertError(fail("Action", "ListGroupsForUser", "UserName", "nobody"), 404, "NoSuchEntity", null);
    }
}
