package io.berth.server.aws.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.aws.query.XmlDoc;
import java.util.List;
import org.junit.jupiter.api.Test;

class IamGroupTest extends IamTestBase {

    @Test
    void createGroupAnswersIamsGroupShape() {
        XmlDoc xml = ok("Action", "CreateGroup", "GroupName", "devs", "Path", "/teams/");
        assertEquals(List.of("Path", "GroupName", "GroupId", "Arn", "CreateDate"),
                xml.children("CreateGroupResult/Group"));
        assertEquals("/teams/", xml.text("CreateGroupResult/Group/Path"));
        assertEquals("devs", xml.text("CreateGroupResult/Group/GroupName"));
        assertTrue(xml.text("CreateGroupResult/Group/GroupId").startsWith("AGPA"));
        assertEquals(arn("group/teams/devs"), xml.text("CreateGroupResult/Group/Arn"));
        assertEquals("2026-11-22T04:00:00Z", xml.text("CreateGroupResult/Group/CreateDate"));
        assertEquals("iam:CreateGroup", f.authorizer.last().action());
        assertEquals(arn("group/teams/devs"), f.authorizer.last().resource());
        assertError(fail("Action", "CreateGroup", "GroupName", "devs"), 409, "EntityAlreadyExists",
                "Group with name devs already exists.");
        assertError(fail("Action", "CreateGroup", "GroupName", "bad/name"), 400, "ValidationError", null);
    }

    @Test
    void membersAreAddedListedAndRemoved() {
        ok("Action", "CreateGroup", "GroupName", "devs", "Path", "/teams/");
        createUser("bob");
        createUser("alice", "/dev/");
        createUser("carol");
        ok("Action", "AddUserToGroup", "GroupName", "devs", "UserName", "bob");
        assertEquals("iam:AddUserToGroup", f.authorizer.last().action());
        assertEquals(arn("group/teams/devs"), f.authorizer.last().resource());
        ok("Action", "AddUserToGroup", "GroupName", "devs", "UserName", "alice");

        XmlDoc xml = ok("Action", "GetGroup", "GroupName", "devs");
        assertEquals("devs", xml.text("GetGroupResult/Group/GroupName"));
        assertEquals(List.of("alice", "bob"), xml.texts("GetGroupResult/Users/member/UserName"));
        assertEquals(List.of(arn("user/dev/alice"), arn("user/bob")), xml.texts("GetGroupResult/Users/member/Arn"));
        assertEquals("false", xml.text("GetGroupResult/IsTruncated"));
        assertEquals("iam:GetGroup", f.authorizer.last().action());

        XmlDoc page = ok("Action", "GetGroup", "GroupName", "devs", "MaxItems", "1");
        assertEquals(List.of("alice"), page.texts("GetGroupResult/Users/member/UserName"));
        assertEquals("true", page.text("GetGroupResult/IsTruncated"));

        ok("Action", "RemoveUserFromGroup", "GroupName", "devs", "UserName", "alice");
        assertEquals("iam:RemoveUserFromGroup", f.authorizer.last().action());
        assertEquals(List.of("bob"), ok("Action", "GetGroup", "GroupName", "devs")
                .texts("GetGroupResult/Users/member/UserName"));
        assertError(fail("Action", "RemoveUserFromGroup", "GroupName", "devs", "UserName", "alice"), 404,
                "NoSuchEntity", null);
    }

    @Test
    void membershipRefusals() {
        ok("Action", "CreateGroup", "GroupName", "devs");
        createUser("bob");
        assertError(fail("Action", "AddUserToGroup", "GroupName", "nogroup", "UserName", "bob"), 404,
                "NoSuchEntity", "The group with name nogroup cannot be found.");
        assertError(fail("Action", "AddUserToGroup", "GroupName", "devs", "UserName", "nobody"), 404,
                "NoSuchEntity", "The user with name nobody cannot be found.");
        assertError(fail("Action", "RemoveUserFromGroup", "GroupName", "nogroup", "UserName", "bob"), 404,
                "NoSuchEntity", "The group with name nogroup cannot be found.");
        assertError(fail("Action", "GetGroup", "GroupName", "nogroup"), 404, "NoSuchEntity", null);
        assertEquals(arn("group/nogroup"), f.authorizer.last().resource());
    }

    @Test
    void listGroups() {
        ok("Action", "CreateGroup", "GroupName", "ops", "Path", "/teams/");
        ok("Action", "CreateGroup", "GroupName", "devs");
        XmlDoc xml = ok("Action", "ListGroups");
        assertEquals(List.of("devs", "ops"), xml.texts("ListGroupsResult/Groups/member/GroupName"));
        assertEquals("*", f.authorizer.last().resource());
        assertEquals(List.of("ops"), ok("Action", "ListGroups", "PathPrefix", "/teams/")
                .texts("ListGroupsResult/Groups/member/GroupName"));
    }

    @Test
    void groupPoliciesApplyToMembers() {
        ok("Action", "CreateGroup", "GroupName", "devs");
        createUser("bob");
        ok("Action", "AddUserToGroup", "GroupName", "devs", "UserName", "bob");
        XmlDoc put = ok("Action", "PutGroupPolicy", "GroupName", "devs", "PolicyName", "push", "PolicyDocument",
                DOCUMENT);
        assertFalse(put.has("PutGroupPolicyResult"));
        assertEquals("iam:PutGroupPolicy", f.authorizer.last().action());
        assertEquals(arn("group/devs"), f.authorizer.last().resource());
        ok("Action", "AttachGroupPolicy", "GroupName", "devs", "PolicyArn", READ_ONLY);
        assertEquals("iam:AttachGroupPolicy", f.authorizer.last().action());
        assertEquals(List.of(READ_ONLY), f.authorizer.last().context().get("iam:PolicyARN"));

        var names = f.identities.policiesOf(f.user("bob").principal()).stream().map(policy -> policy.name())
                .toList();
        assertTrue(names.containsAll(List.of("push", READ_ONLY)), names.toString());
    }

    @Test
    void groupPolicyRefusals() {
        ok("Action", "CreateGroup", "GroupName", "devs");
        assertError(fail("Action", "PutGroupPolicy", "GroupName", "devs", "PolicyName", "p", "PolicyDocument",
                AwsFixture.MALFORMED), 400, "MalformedPolicyDocument", null);
        assertError(fail("Action", "PutGroupPolicy", "GroupName", "nogroup", "PolicyName", "p", "PolicyDocument",
                DOCUMENT), 404, "NoSuchEntity", null);
        assertError(fail("Action", "AttachGroupPolicy", "GroupName", "devs", "PolicyArn", arn("policy/none")), 404,
                "NoSuchEntity", null);
    }
}
