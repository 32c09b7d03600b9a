package io.berth.server.aws.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.aws.query.XmlDoc;
import java.util.List;
import org.junit.jupiter.api.Test;

class IamPolicyTest extends IamTestBase {
    private static final List<String> POLICY_MEMBERS = List.of("PolicyName", "PolicyId", "Arn", "Path",
            "DefaultVersionId", "AttachmentCount", "PermissionsBoundaryUsageCount", "IsAttachable", "CreateDate",
            "UpdateDate");

    private String createPolicy(String name, String path) {
        return ok("Action", "CreatePolicy", "PolicyName", name, "Path", path, "PolicyDocument", DOCUMENT)
                .text("CreatePolicyResult/Policy/Arn");
    }

    @Test
    void createPolicyAnswersIamsPolicyShape() {
        XmlDoc xml = ok("Action", "CreatePolicy", "PolicyName", "push", "Path", "/team/", "PolicyDocument", DOCUMENT,
                "Description", "kept out");
        assertEquals(POLICY_MEMBERS, xml.children("CreatePolicyResult/Policy"));
        assertEquals("push", xml.text("CreatePolicyResult/Policy/PolicyName"));
        assertTrue(xml.text("CreatePolicyResult/Policy/PolicyId").startsWith("ANPA"));
        assertEquals(arn("policy/team/push"), xml.text("CreatePolicyResult/Policy/Arn"));
        assertEquals("/team/", xml.text("CreatePolicyResult/Policy/Path"));
        assertEquals("v1", xml.text("CreatePolicyResult/Policy/DefaultVersionId"));
        assertEquals("0", xml.text("CreatePolicyResult/Policy/AttachmentCount"));
        assertEquals("0", xml.text("CreatePolicyResult/Policy/PermissionsBoundaryUsageCount"));
        assertEquals("true", xml.text("CreatePolicyResult/Policy/IsAttachable"));
        assertEquals("2026-11-22T04:00:00Z", xml.text("CreatePolicyResult/Policy/CreateDate"));
        assertEquals("2026-11-22T04:00:00Z", xml.text("CreatePolicyResult/Policy/UpdateDate"));
        assertEquals("iam:CreatePolicy", f.authorizer.last().action());
        assertEquals(arn("policy/team/push"), f.authorizer.last().resource());
    }

    @Test
    void createPolicyRefusals() {
        createPolicy("push", "/");
        assertError(fail("Action", "CreatePolicy", "PolicyName", "push", "PolicyDocument", DOCUMENT), 409,
                "EntityAlreadyExists", null);
        assertError(fail("Action", "CreatePolicy", "PolicyName", "bad", "PolicyDocument", AwsFixture.MALFORMED),
                400, "MalformedPolicyDocument", null);
        assertError(fail("Action", "CreatePolicy", "PolicyName", "p2", "Path", "/a b/", "PolicyDocument", DOCUMENT),
                400, "ValidationError", null);
        assertError(fail("Action", "CreatePolicy", "PolicyName", "p2"), 400, "ValidationError", null);
    }

    @Test
    void getCustomerAndAwsManagedPolicies() {
        String mine = createPolicy("push", "/");
        XmlDoc customer = ok("Action", "GetPolicy", "PolicyArn", mine);
        assertEquals("push", customer.text("GetPolicyResult/Policy/PolicyName"));
        assertFalse(customer.has("GetPolicyResult/Policy/Description"));
        assertEquals("iam:GetPolicy", f.authorizer.last().action());
        assertEquals(mine, f.authorizer.last().resource());

        for (String arn : List.of(READ_ONLY, POWER_USER, FULL_ACCESS)) {
            XmlDoc aws = ok("Action", "GetPolicy", "PolicyArn", arn);
            assertEquals(arn, aws.text("GetPolicyResult/Policy/Arn"));
            assertEquals(arn.substring(arn.lastIndexOf('/') + 1), aws.text("GetPolicyResult/Policy/PolicyName"));
            assertEquals("/", aws.text("GetPolicyResult/Policy/Path"));
            assertTrue(aws.text("GetPolicyResult/Policy/PolicyId").matches("ANPA[A-Z2-7]{17}"));
            assertTrue(aws.text("GetPolicyResult/Policy/DefaultVersionId").matches("v\\d+"));
            assertFalse(aws.text("GetPolicyResult/Policy/Description").isEmpty());
        }
        String id = ok("Action", "GetPolicy", "PolicyArn", READ_ONLY).text("GetPolicyResult/Policy/PolicyId");
        IamService another = new IamService(new AwsFixture().identities, f.managed, f.authorizer);
        assertEquals(id, new AwsFixture().ok(another, f.root(), AwsFixture.form("Action", "GetPolicy", "PolicyArn",
                READ_ONLY)).text("GetPolicyResult/Policy/PolicyId"));
        assertError(fail("Action", "GetPolicy", "PolicyArn", arn("policy/none")), 404, "NoSuchEntity",
                "Policy " + arn("policy/none") + " was not found.");
    }

    @Test
    void attachmentCountCountsUsersGroupsAndRoles() {
        createUser("alice");
        ok("Action", "CreateGroup", "GroupName", "devs");
        ok("Action", "CreateRole", "RoleName", "r", "AssumeRolePolicyDocument", TRUST);
        ok("Action", "AttachUserPolicy", "UserName", "alice", "PolicyArn", READ_ONLY);
        ok("Action", "AttachGroupPolicy", "GroupName", "devs", "PolicyArn", READ_ONLY);
        ok("Action", "AttachRolePolicy", "RoleName", "r", "PolicyArn", READ_ONLY);
        assertEquals("3", ok("Action", "GetPolicy", "PolicyArn", READ_ONLY)
                .text("GetPolicyResult/Policy/AttachmentCount"));
    }

    @Test
    void listPoliciesByScope() {
        String mine = createPolicy("push", "/team/");
        List<String> aws = ok("Action", "ListPolicies", "Scope", "AWS").texts("ListPoliciesResult/Policies/member/Arn");
        assertTrue(aws.containsAll(List.of(READ_ONLY, POWER_USER, FULL_ACCESS)), aws.toString());
        assertFalse(aws.contains(mine));
        assertEquals("iam:ListPolicies", f.authorizer.last().action());
        assertEquals("*", f.authorizer.last().resource());

        assertEquals(List.of(mine), ok("Action", "ListPolicies", "Scope", "Local")
                .texts("ListPoliciesResult/Policies/member/Arn"));
        List<String> all = ok("Action", "ListPolicies").texts("ListPoliciesResult/Policies/member/Arn");
        assertEquals(aws.size() + 1, all.size());
        assertEquals(List.of(mine), ok("Action", "ListPolicies", "PathPrefix", "/team/")
                .texts("ListPoliciesResult/Policies/member/Arn"));
        assertEquals(POLICY_MEMBERS, ok("Action", "ListPolicies", "Scope", "Local")
                .children("ListPoliciesResult/Policies/member"));
        assertError(fail("Action", "ListPolicies", "Scope", "Everything"), 400, "ValidationError", null);
    }

    @Test
    void listPoliciesOnlyAttachedAndUsageFilter() {
        createUser("alice");
        String mine = createPolicy("push", "/");
        ok("Action", "AttachUserPolicy", "UserName", "alice", "PolicyArn", POWER_USER);
        ok("Action", "AttachUserPolicy", "UserName", "alice", "PolicyArn", mine);
        XmlDoc attached = ok("Action", "ListPolicies", "OnlyAttached", "true");
        assertEquals(List.of(mine, POWER_USER), attached.texts("ListPoliciesResult/Policies/member/Arn"));
        assertEquals(List.of("1", "1"), attached.texts("ListPoliciesResult/Policies/member/AttachmentCount"));
        assertEquals(0, ok("Action", "ListPolicies", "PolicyUsageFilter", "PermissionsBoundary")
                .count("ListPoliciesResult/Policies/member"));
    }

    @Test
    void listPoliciesPages() {
        XmlDoc first = ok("Action", "ListPolicies", "Scope", "AWS", "MaxItems", "2");
        assertEquals(2, first.count("ListPoliciesResult/Policies/member"));
        assertEquals("true", first.text("ListPoliciesResult/IsTruncated"));
        XmlDoc rest = ok("Action", "ListPolicies", "Scope", "AWS", "MaxItems", "100", "Marker",
                first.text("ListPoliciesResult/Marker"));
        assertEquals(f.managed.all().size() - 2, rest.count("ListPoliciesResult/Policies/member"));
        assertEquals("false", rest.text("ListPoliciesResult/IsTruncated"));
    }
}
