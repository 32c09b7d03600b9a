package io.berth.server.aws.iam;

import static io.berth.server.aws.iam.IamFields.EXISTING_USER_NAME;
import static io.berth.server.aws.iam.IamFields.PATH;
import static io.berth.server.aws.iam.IamFields.PATH_PREFIX;
import static io.berth.server.aws.iam.IamFields.USER_NAME;

import io.berth.auth.identity.IamException;
import io.berth.auth.identity.Identities;
import io.berth.auth.identity.IdentityDirectory;
import io.berth.auth.identity.Records.Group;
import io.berth.auth.identity.Records.User;
import io.berth.server.aws.query.IsoDates;
import io.berth.server.aws.query.Paging;
import io.berth.server.aws.query.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CreateUser, GetUser, ListUsers, DeleteUser, ListGroupsForUser. */
final class UserActions {
    private final Identities identities;
    private final IdentityDirectory directory;
    private final IamArns arns;
    private final IamShapes shapes;

    UserActions(Identities identities, IamArns arns, IamShapes shapes) {
        this.identities = identities;
        this.directory = identities.directory();
        this.arns = arns;
        this.shapes = shapes;
    }

    Map<String, IamAction> actions() {
        return Map.of("CreateUser", this::createUser, "GetUser", this::getUser, "ListUsers", this::listUsers,
                "DeleteUser", this::deleteUser, "ListGroupsForUser", this::listGroupsForUser);
    }

    private QueryResult createUser(IamRequest request) {
        String name = request.form().required(USER_NAME);
        String path = request.form().string(PATH).orElse("/");
        request.refusePermissionsBoundary();
        Map<String, String> tags = request.form().tags("Tags");
        request.authorize("iam:CreateUser", request.account().userArn(path, name), IamRequest.requestTags(tags));
        User user = directory.createUser(name, path, tags);
        return QueryResult.of(xml -> shapes.user(xml, "User", user, true));
    }

    /** Without UserName: the calling user; for the root, the root user as IAM describes it (no name, no path). */
    private QueryResult getUser(IamRequest request) {
        Optional<String> name = request.userOrCaller(EXISTING_USER_NAME);
        if (name.isEmpty()) {
            long since = request.call().key().createdAt();
            return QueryResult.of(xml -> xml.start("User")
                    .element("UserId", request.account().accountId())
                    .element("Arn", request.account().rootArn())
                    .element("CreateDate", IsoDates.format(since))
                    .end());
        }
        request.authorize("iam:GetUser", arns.user(name.get()));
        User user = directory.user(name.get());
        return QueryResult.of(xml -> shapes.user(xml, "User", user, true));
    }

    private QueryResult listUsers(IamRequest request) {
        String prefix = request.form().string(PATH_PREFIX).orElse("/");
        request.authorize("iam:ListUsers", "*");
        List<User> users = directory.users().stream().filter(user -> user.path().startsWith(prefix)).toList();
        Paging.Page<User> page = Paging.page(users, User::name, request.form());
        return QueryResult.of(xml -> {
            xml.start("Users");
            page.items().forEach(user -> shapes.user(xml, "member", user, false));
            xml.end();
            page.writeTruncation(xml);
        });
    }

    /** Refused with DeleteConflict while the user has access keys, policies or group memberships. */
    private QueryResult deleteUser(IamRequest request) {
        String name = request.form().required(EXISTING_USER_NAME);
        request.authorize("iam:DeleteUser", arns.user(name));
        directory.deleteUser(name, !identities.keys().ofUser(name).isEmpty());
        return QueryResult.none();
    }

    private QueryResult listGroupsForUser(IamRequest request) {
        String name = request.form().required(EXISTING_USER_NAME);
        request.authorize("iam:ListGroupsForUser", arns.user(name));
        List<Group> groups = new ArrayList<>();
        for (String groupName : directory.user(name).groups()) {
            try {
                groups.add(directory.group(groupName));
            } catch (IamException deletedMeanwhile) {
                // a group removed after the user joined it is no longer listed
            }
        }
        Paging.Page<Group> page = Paging.page(groups, Group::name, request.form());
        return QueryResult.of(xml -> {
            xml.start("Groups");
            page.items().forEach(group -> shapes.group(xml, "member", group));
            xml.end();
            page.writeTruncation(xml);
        });
    }
}
