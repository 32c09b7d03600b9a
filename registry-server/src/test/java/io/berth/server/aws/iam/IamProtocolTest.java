package io.berth.server.aws.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.server.aws.query.XmlDoc;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IamProtocolTest extends IamTestBase {

    @Test
    void anUnknownActionIsInvalidAction() {
        assertError(fail("Action", "TagUser", "Version", "2010-05-08", "UserName", "a"), 400, "InvalidAction",
                "Could not find operation TagUser for version 2010-05-08");
        assertError(fail("Version", "2010-05-08"), 400, "MissingAction", "Missing Action");
    }

    @Test
    void theResponseCarriesTheCallsRequestId() {
        assertEquals(AwsFixture.REQUEST_ID, ok("Action", "ListUsers").text("ResponseMetadata/RequestId"));
    }

    @Test
    void theNameIsIam() {
        assertEquals("iam", iam.name());
    }

    @BeforeEach
    void world() {
        createUser("alice", "/dev/");
        ok("Action", "CreateGroup", "GroupName", "devs", "Path", "/teams/");
        ok("Action", "CreateRole", "RoleName", "pusher", "Path", "/ci/", "AssumeRolePolicyDocument", TRUST);
    }

    /** Every action, the IAM action it is authorized as, and the resource (per the service authorization reference). */
    static Stream<Arguments> everyAction() {
        String user = "arn:aws:iam::123456789012:user/dev/alice";
        String group = "arn:aws:iam::123456789012:group/teams/devs";
        String role = "arn:aws:iam::123456789012:role/ci/pusher";
        String doc = DOCUMENT;
        return Stream.of(
                Arguments.of(new String[] {"Action", "CreateUser", "UserName", "bob", "Path", "/x/"},
                        "iam:CreateUser", "arn:aws:iam::123456789012:user/x/bob"),
                Arguments.of(new String[] {"Action", "GetUser", "UserName", "alice"}, "iam:GetUser", user),
                Arguments.of(new String[] {"Action", "ListUsers"}, "iam:ListUsers", "*"),
                Arguments.of(new String[] {"Action", "DeleteUser", "UserName", "alice"}, "iam:DeleteUser", user),
                Arguments.of(new String[] {"Action", "ListGroupsForUser", "UserName", "alice"},
                        "iam:ListGroupsForUser", user),
                Arguments.of(new String[] {"Action", "CreateAccessKey", "UserName", "alice"}, "iam:CreateAccessKey",
                        user),
                Arguments.of(new String[] {"Action", "ListAccessKeys", "UserName", "alice"}, "iam:ListAccessKeys",
                        user),
                Arguments.of(new String[] {"Action", "UpdateAccessKey", "UserName", "alice", "AccessKeyId",
                        "AKIAAAAAAAAAAAAAAAAA", "Status", "Active"}, "iam:UpdateAccessKey", user),
                Arguments.of(new String[] {"Action", "DeleteAccessKey", "UserName", "alice", "AccessKeyId",
                        "AKIAAAAAAAAAAAAAAAAA"}, "iam:DeleteAccessKey", user),
                Arguments.of(new String[] {"Action", "PutUserPolicy", "UserName", "alice", "PolicyName", "p",
                        "PolicyDocument", doc}, "iam:PutUserPolicy", user),
                Arguments.of(new String[] {"Action", "GetUserPolicy", "UserName", "alice", "PolicyName", "p"},
                        "iam:GetUserPolicy", user),
                Arguments.of(new String[] {"Action", "ListUserPolicies", "UserName", "alice"},
                        "iam:ListUserPolicies", user),
                Arguments.of(new String[] {"Action", "DeleteUserPolicy", "UserName", "alice", "PolicyName", "p"},
                        "iam:DeleteUserPolicy", user),
                Arguments.of(new String[] {"Action", "AttachUserPolicy", "UserName", "alice", "PolicyArn",
                        READ_ONLY}, "iam:AttachUserPolicy", user),
                Arguments.of(new String[] {"Action", "DetachUserPolicy", "UserName", "alice", "PolicyArn",
                        READ_ONLY}, "iam:DetachUserPolicy", user),
                Arguments.of(new String[] {"Action", "ListAttachedUserPolicies", "UserName", "alice"},
                        "iam:ListAttachedUserPolicies", user),
                Arguments.of(new String[] {"Action", "CreatePolicy", "PolicyName", "p", "Path", "/t/",
                        "PolicyDocument", doc}, "iam:CreatePolicy", "arn:aws:iam::123456789012:policy/t/p"),
                Arguments.of(new String[] {"Action", "GetPolicy", "PolicyArn", READ_ONLY}, "iam:GetPolicy",
                        READ_ONLY),
                Arguments.of(new String[] {"Action", "ListPolicies"}, "iam:ListPolicies", "*"),
                Arguments.of(new String[] {"Action", "CreateGroup", "GroupName", "ops", "Path", "/t/"},
                        "iam:CreateGroup", "arn:aws:iam::123456789012:group/t/ops"),
                Arguments.of(new String[] {"Action", "GetGroup", "GroupName", "devs"}, "iam:GetGroup", group),
                Arguments.of(new String[] {"Action", "ListGroups"}, "iam:ListGroups", "*"),
                Arguments.of(new String[] {"Action", "AddUserToGroup", "GroupName", "devs", "UserName", "alice"},
                        "iam:AddUserToGroup", group),
                Arguments.of(new String[] {"Action", "RemoveUserFromGroup", "GroupName", "devs", "UserName",
                        "alice"}, "iam:RemoveUserFromGroup", group),
                Arguments.of(new String[] {"Action", "PutGroupPolicy", "GroupName", "devs", "PolicyName", "p",
                        "PolicyDocument", doc}, "iam:PutGroupPolicy", group),
                Arguments.of(new String[] {"Action", "AttachGroupPolicy", "GroupName", "devs", "PolicyArn",
                        READ_ONLY}, "iam:AttachGroupPolicy", group),
                Arguments.of(new String[] {"Action", "CreateRole", "RoleName", "r2", "Path", "/t/",
                        "AssumeRolePolicyDocument", TRUST}, "iam:CreateRole", "arn:aws:iam::123456789012:role/t/r2"),
                Arguments.of(new String[] {"Action", "GetRole", "RoleName", "pusher"}, "iam:GetRole", role),
                Arguments.of(new String[] {"Action", "ListRoles"}, "iam:ListRoles", "*"),
                Arguments.of(new String[] {"Action", "DeleteRole", "RoleName", "pusher"}, "iam:DeleteRole", role),
                Arguments.of(new String[] {"Action", "PutRolePolicy", "RoleName", "pusher", "PolicyName", "p",
                        "PolicyDocument", doc}, "iam:PutRolePolicy", role),
                Arguments.of(new String[] {"Action", "AttachRolePolicy", "RoleName", "pusher", "PolicyArn",
                        READ_ONLY}, "iam:AttachRolePolicy", role));
    }

    /** IAM authorizes before it acts: with everything denied, each action fails on its own action and resource. */
    @ParameterizedTest
    @MethodSource("everyAction")
    void everyActionIsAuthorizedFirstOnItsResource(String[] request, String action, String resource) {
        f.authorizer.clear();
        f.authorizer.denyAll();
        XmlDoc error = fail(request);
        assertError(error, 403, "AccessDenied", null);
        assertEquals(1, f.authorizer.checks().size());
        assertEquals(action, f.authorizer.last().action());
        assertEquals(resource, f.authorizer.last().resource());
        assertEquals("AccessDenied", error.text("Error/Code"));
    }
}
