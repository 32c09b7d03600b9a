package io.berth.server.aws.iam;

import static io.berth.server.aws.iam.IamFields.ASSUME_ROLE_POLICY_DOCUMENT;
import static io.berth.server.aws.iam.IamFields.MAX_SESSION_SECONDS;
import static io.berth.server.aws.iam.IamFields.MIN_SESSION_SECONDS;
import static io.berth.server.aws.iam.IamFields.PATH;
import static io.berth.server.aws.iam.IamFields.PATH_PREFIX;
import static io.berth.server.aws.iam.IamFields.POLICY_ARN;
import static io.berth.server.aws.iam.IamFields.POLICY_DOCUMENT;
import static io.berth.server.aws.iam.IamFields.POLICY_NAME;
import static io.berth.server.aws.iam.IamFields.ROLE_DESCRIPTION;
import static io.berth.server.aws.iam.IamFields.ROLE_NAME;

import io.berth.auth.identity.IdentityDirectory;
import io.berth.auth.identity.Records.Role;
import io.berth.server.aws.query.Paging;
import io.berth.server.aws.query.QueryResult;
import java.util.List;
import java.util.Map;

/**
 * CreateRole, GetRole, ListRoles, DeleteRole, PutRolePolicy, AttachRolePolicy. A role's trust policy
 * (AssumeRolePolicyDocument) decides who may assume it through STS.
 */
final class RoleActions {
    private final IdentityDirectory directory;
    private final IamArns arns;
    private final IamShapes shapes;

    RoleActions(IdentityDirectory directory, IamArns arns, IamShapes shapes) {
        this.directory = directory;
        this.arns = arns;
        this.shapes = shapes;
    }

    Map<String, IamAction> actions() {
        return Map.of("CreateRole", this::create, "GetRole", this::get, "ListRoles", this::list, "DeleteRole",
                this::delete, "PutRolePolicy", this::putPolicy, "AttachRolePolicy", this::attachPolicy);
    }

    /** Description is checked but not kept: Berth's role record has no description. */
    private QueryResult create(IamRequest request) {
        String name = request.form().required(ROLE_NAME);
        String path = request.form().string(PATH).orElse("/");
        String trustPolicy = request.form().required(ASSUME_ROLE_POLICY_DOCUMENT);
        request.form().string(ROLE_DESCRIPTION);
        Integer maxSession = request.form().integer("MaxSessionDuration", MIN_SESSION_SECONDS, MAX_SESSION_SECONDS)
                .orElse(null);
        request.refusePermissionsBoundary();
        Map<String, String> tags = request.form().tags("Tags");
        request.authorize("iam:CreateRole", request.account().roleArn(path, name), IamRequest.requestTags(tags));
        Role role = directory.createRole(name, path, trustPolicy, maxSession, tags);
        return QueryResult.of(xml -> shapes.role(xml, "Role", role, true));
    }

    private QueryResult get(IamRequest request) {
        String name = request.form().required(ROLE_NAME);
        request.authorize("iam:GetRole", arns.role(name));
        Role role = directory.role(name);
        return QueryResult.of(xml -> shapes.role(xml, "Role", role, true));
    }

    private QueryResult list(IamRequest request) {
        String prefix = request.form().string(PATH_PREFIX).orElse("/");
        request.authorize("iam:ListRoles", "*");
        List<Role> roles = directory.roles().stream().filter(role -> role.path().startsWith(prefix)).toList();
        Paging.Page<Role> page = Paging.page(roles, Role::name, request.form());
        return QueryResult.of(xml -> {
            xml.start("Roles");
            page.items().forEach(role -> shapes.role(xml, "member", role, false));
            xml.end();
            page.writeTruncation(xml);
        });
    }

    /** Refused with DeleteConflict while policies remain; the role's live sessions stop working with it. */
    private QueryResult delete(IamRequest request) {
        String name = request.form().required(ROLE_NAME);
        request.authorize("iam:DeleteRole", arns.role(name));
        directory.deleteRole(name);
        return QueryResult.none();
    }

    private QueryResult putPolicy(IamRequest request) {
        String role = request.form().required(ROLE_NAME);
        String policyName = request.form().required(POLICY_NAME);
        String document = request.form().required(POLICY_DOCUMENT);
        request.authorize("iam:PutRolePolicy", arns.role(role));
        directory.putRolePolicy(role, policyName, document);
        return QueryResult.none();
    }

    private QueryResult attachPolicy(IamRequest request) {
        String role = request.form().required(ROLE_NAME);
        String policyArn = request.form().required(POLICY_ARN);
        request.authorize("iam:AttachRolePolicy", arns.role(role), IamRequest.policyArnKey(policyArn));
        directory.attachRolePolicy(role, policyArn);
        return QueryResult.none();
    }
}
