package io.berth.server.aws.iam;

import static io.berth.server.aws.iam.IamFields.EXISTING_USER_NAME;
import static io.berth.server.aws.iam.IamFields.GROUP_NAME;
import static io.berth.server.aws.iam.IamFields.PATH;
import static io.berth.server.aws.iam.IamFields.PATH_PREFIX;
import static io.berth.server.aws.iam.IamFields.POLICY_ARN;
import static io.berth.server.aws.iam.IamFields.POLICY_DOCUMENT;
import static io.berth.server.aws.iam.IamFields.POLICY_NAME;

import io.berth.auth.identity.IdentityDirectory;
import io.berth.auth.identity.Records.Group;
import io.berth.auth.identity.Records.User;
import io.berth.server.aws.query.Paging;
import io.berth.server.aws.query.QueryResult;
import java.util.List;
import java.util.Map;

/**
 * CreateGroup, GetGroup (with its members), ListGroups, AddUserToGroup, RemoveUserFromGroup, PutGroupPolicy,
 * AttachGroupPolicy. A group's policies apply to each of its members.
 */
final class GroupActions {
    private final IdentityDirectory directory;
    private final IamArns arns;
    private final IamShapes shapes;

    GroupActions(IdentityDirectory directory, IamArns arns, IamShapes shapes) {
        this.directory = directory;
        this.arns = arns;
        this.shapes = shapes;
    }

    Map<String, IamAction> actions() {
        return Map.of("CreateGroup", this::create, "GetGroup", this::get, "ListGroups", this::list,
                "AddUserToGroup", this::addUser, "RemoveUserFromGroup", this::removeUser, "PutGroupPolicy",
                this::putPolicy, "AttachGroupPolicy", this::attachPolicy);
    }

    private QueryResult create(IamRequest request) {
        String name = request.form().required(GROUP_NAME);
        String path = request.form().string(PATH).orElse("/");
        request.authorize("iam:CreateGroup", request.account().groupArn(path, name));
        Group group = directory.createGroup(name, path);
        return QueryResult.of(xml -> shapes.group(xml, "Group", group));
    }

    /** The group and a page of its members. */
    private QueryResult get(IamRequest request) {
        String name = request.form().required(GROUP_NAME);
        request.authorize("iam:GetGroup", arns.group(name));
        Group group = directory.group(name);
        List<User> members = directory.users().stream().filter(user -> user.groups().contains(name)).toList();
        Paging.Page<User> page = Paging.page(members, User::name, request.form());
        return QueryResult.of(xml -> {
            shapes.group(xml, "Group", group);
            xml.start("Users");
            page.items().forEach(user -> shapes.user(xml, "member", user, false));
            xml.end();
            page.writeTruncation(xml);
        });
    }

    private QueryResult list(IamRequest request) {
        String prefix = request.form().string(PATH_PREFIX).orElse("/");
        request.authorize("iam:ListGroups", "*");
        List<Group> groups = directory.groups().stream().filter(group -> group.path().startsWith(prefix)).toList();
        Paging.Page<Group> page = Paging.page(groups, Group::name, request.form());
        return QueryResult.of(xml -> {
            xml.start("Groups");
            page.items().forEach(group -> shapes.group(xml, "member", group));
            xml.end();
            page.writeTruncation(xml);
        });
    }

    private QueryResult addUser(IamRequest request) {
        String group = request.form().required(GROUP_NAME);
        String user = request.form().required(EXISTING_USER_NAME);
        request.authorize("iam:AddUserToGroup", arns.group(group));
        directory.addUserToGroup(group, user);
        return QueryResult.none();
    }

    private QueryResult removeUser(IamRequest request) {
        String group = request.form().required(GROUP_NAME);
        String user = request.form().required(EXISTING_USER_NAME);
        request.authorize("iam:RemoveUserFromGroup", arns.group(group));
        directory.group(group);
        directory.removeUserFromGroup(group, user);
        return QueryResult.none();
    }

    private QueryResult putPolicy(IamRequest request) {
        String group = request.form().required(GROUP_NAME);
        String policyName = request.form().required(POLICY_NAME);
        String document = request.form().required(POLICY_DOCUMENT);
        request.authorize("iam:PutGroupPolicy", arns.group(group));
        directory.putGroupPolicy(group, policyName, document);
        return QueryResult.none();
    }

    private QueryResult attachPolicy(IamRequest request) {
        String group = request.form().required(GROUP_NAME);
        String policyArn = request.form().required(POLICY_ARN);
        request.authorize("iam:AttachGroupPolicy", arns.group(group), IamRequest.policyArnKey(policyArn));
        directory.attachGroupPolicy(group, policyArn);
        return QueryResult.none();
    }
}
