package io.berth.server.aws.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.aws.query.XmlDoc;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IamRoleTest extends IamTestBase {

    @Test
    void createRoleAnswersIamsRoleShape() {
        XmlDoc xml = ok("Action", "CreateRole", "RoleName", "pusher", "Path", "/ci/", "AssumeRolePolicyDocument",
                TRUST, "Tags.member.1.Key", "team", "Tags.member.1.Value", "ci");
        assertEquals(List.of("Path", "RoleName", "RoleId", "Arn", "CreateDate", "AssumeRolePolicyDocument",
                "MaxSessionDuration", "Tags", "RoleLastUsed"), xml.children("CreateRoleResult/Role"));
        assertEquals("/ci/", xml.text("CreateRoleResult/Role/Path"));
        assertEquals("pusher", xml.text("CreateRoleResult/Role/RoleName"));
        assertTrue(xml.text("CreateRoleResult/Role/RoleId").matches("AROA[A-Z2-7]{16}"));
        assertEquals(arn("role/ci/pusher"), xml.text("CreateRoleResult/Role/Arn"));
        assertEquals("2026-11-22T04:00:00Z", xml.text("CreateRoleResult/Role/CreateDate"));
        assertEquals(TRUST, URLDecoder.decode(xml.text("CreateRoleResult/Role/AssumeRolePolicyDocument"),
                StandardCharsets.UTF_8));
        assertEquals("3600", xml.text("CreateRoleResult/Role/MaxSessionDuration"));
        assertEquals("ci", xml.text("CreateRoleResult/Role/Tags/member/Value"));
        TableAuthorizer.Check check = f.authorizer.last();
        assertEquals("iam:CreateRole", check.action());
        assertEquals(arn("role/ci/pusher"), check.resource());
        assertEquals(List.of("ci"), check.context().get("aws:RequestTag/team"));
    }

    @Test
    void maxSessionDurationIsBetweenOneAndTwelveHours() {
        XmlDoc xml = ok("Action", "CreateRole", "RoleName", "long", "AssumeRolePolicyDocument", TRUST,
                "MaxSessionDuration", "43200");
        assertEquals("43200", xml.text("CreateRoleResult/Role/MaxSessionDuration"));
        assertError(fail("Action", "CreateRole", "RoleName", "short", "AssumeRolePolicyDocument", TRUST,
                "MaxSessionDuration", "3599"), 400, "ValidationError", "1 validation error detected: Value '3599' at "
                + "'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal "
                + "to 3600");
        assertError(fail("Action", "CreateRole", "RoleName", "short", "AssumeRolePolicyDocument", TRUST,
                "MaxSessionDuration", "43201"), 400, "ValidationError", null);
    }

    @Test
    void createRoleRefusals() {
        ok("Action", "CreateRole", "RoleName", "r", "AssumeRolePolicyDocument", TRUST);
        assertError(fail("Action", "CreateRole", "RoleName", "r", "AssumeRolePolicyDocument", TRUST), 409,
                "EntityAlreadyExists", "Role with name r already exists.");
        assertError(fail("Action", "CreateRole", "RoleName", "x"), 400, "ValidationError", "1 validation error "
                + "detected: Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not "
                + "be null");
        assertError(fail("Action", "CreateRole", "RoleName", "x", "AssumeRolePolicyDocument", AwsFixture.MALFORMED),
                400, "MalformedPolicyDocument", null);
        assertError(fail("Action", "CreateRole", "RoleName", "x", "AssumeRolePolicyDocument", TRUST,
                "Description", "d".repeat(1001)), 400, "ValidationError", null);
        assertError(fail("Action", "CreateRole", "RoleName", "x", "AssumeRolePolicyDocument", TRUST,
                "PermissionsBoundary", arn("policy/boundary")), 400, "InvalidInput", null);
    }

    @Test
    void getRole() {
        ok("Action", "CreateRole", "RoleName", "pusher", "Path", "/ci/", "AssumeRolePolicyDocument", TRUST,
                "Description", "pushes images");
        XmlDoc xml = ok("Action", "GetRole", "RoleName", "pusher");
        assertEquals(arn("role/ci/pusher"), xml.text("GetRoleResult/Role/Arn"));
        assertTrue(xml.has("GetRoleResult/Role/RoleLastUsed"));
        assertFalse(xml.has("GetRoleResult/Role/Tags"));
        assertEquals("iam:GetRole", f.authorizer.last().action());
        assertEquals(arn("role/ci/pusher"), f.authorizer.last().resource());
        assertError(fail("Action", "GetRole", "RoleName", "none"), 404, "NoSuchEntity",
                "The role with name none cannot be found.");
    }

    @Test
    void listRolesLeavesOutTagsAndLastUse() {
        ok("Action", "CreateRole", "RoleName", "b", "Path", "/ci/", "AssumeRolePolicyDocument", TRUST,
                "Tags.member.1.Key", "k", "Tags.member.1.Value", "v");
        ok("Action", "CreateRole", "RoleName", "a", "AssumeRolePolicyDocument", TRUST);
        XmlDoc xml = ok("Action", "ListRoles");
        assertEquals(List.of("a", "b"), xml.texts("ListRolesResult/Roles/member/RoleName"));
        assertEquals(List.of("Path", "RoleName", "RoleId", "Arn", "CreateDate", "AssumeRolePolicyDocument",
                "MaxSessionDuration"), xml.children("ListRolesResult/Roles/member[2]"));
        assertEquals("false", xml.text("ListRolesResult/IsTruncated"));
        assertEquals("iam:ListRoles", f.authorizer.last().action());
        assertEquals("*", f.authorizer.last().resource());
        assertEquals(List.of("b"), ok("Action", "ListRoles", "PathPrefix", "/ci/")
                .texts("ListRolesResult/Roles/member/RoleName"));
    }

    @Test
    void rolePoliciesApplyToItsSessions() {
        ok("Action", "CreateRole", "RoleName", "r", "AssumeRolePolicyDocument", TRUST);
        ok("Action", "PutRolePolicy", "RoleName", "r", "PolicyName", "inline", "PolicyDocument", DOCUMENT);
        assertEquals("iam:PutRolePolicy", f.authorizer.last().action());
        assertEquals(arn("role/r"), f.authorizer.last().resource());
        ok("Action", "AttachRolePolicy", "RoleName", "r", "PolicyArn", FULL_ACCESS);
        assertEquals("iam:AttachRolePolicy", f.authorizer.last().action());
        assertEquals(List.of(FULL_ACCESS), f.authorizer.last().context().get("iam:PolicyARN"));
        var names = f.identities.policiesOf(f.session("r", "s").principal()).stream().map(policy -> policy.name())
                .toList();
        assertTrue(names.containsAll(List.of("inline", FULL_ACCESS)), names.toString());
        assertError(fail("Action", "PutRolePolicy", "RoleName", "none", "PolicyName", "p", "PolicyDocument",
                DOCUMENT), 404, "NoSuchEntity", null);
        assertError(fail("Action", "AttachRolePolicy", "RoleName", "r", "PolicyArn", arn("policy/none")), 404,
                "NoSuchEntity", null);
    }

    @Test
    void deleteRoleOnlyWithoutPolicies() {
        ok("Action", "CreateRole", "RoleName", "r", "AssumeRolePolicyDocument", TRUST);
        ok("Action", "PutRolePolicy", "RoleName", "r", "PolicyName", "inline", "PolicyDocument", DOCUMENT);
        assertError(fail("Action", "DeleteRole", "RoleName", "r"), 409, "DeleteConflict",
                "Cannot delete entity, must delete policies first.");
        ok("Action", "CreateRole", "RoleName", "plain", "AssumeRolePolicyDocument", TRUST);
        XmlDoc xml = ok("Action", "DeleteRole", "RoleName", "plain");
        assertFalse(xml.has("DeleteRoleResult"));
        assertEquals("iam:DeleteRole", f.authorizer.last().action());
        assertError(fail("Action", "GetRole", "RoleName", "plain"), 404, "NoSuchEntity", null);
        assertError(fail("Action", "DeleteRole", "RoleName", "plain"), 404, "NoSuchEntity", null);
    }
}
