package io.berth.server.aws.iam;

import static io.berth.server.aws.iam.IamFields.EXISTING_USER_NAME;
import static io.berth.server.aws.iam.IamFields.POLICY_ARN;
import static io.berth.server.aws.iam.IamFields.POLICY_DOCUMENT;
import static io.berth.server.aws.iam.IamFields.POLICY_NAME;
import static io.berth.server.aws.iam.IamFields.POLICY_PATH_PREFIX;
import static io.berth.server.aws.iam.IamFields.USER_NAME;

import io.berth.auth.identity.IamException;
import io.berth.auth.identity.IdentityDirectory;
import io.berth.server.aws.query.Paging;
import io.berth.server.aws.query.QueryResult;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A user's inline policies (PutUserPolicy, GetUserPolicy, ListUserPolicies, DeleteUserPolicy) and attached managed
 * policies (AttachUserPolicy, DetachUserPolicy, ListAttachedUserPolicies).
 */
final class UserPolicyActions {
    private final IdentityDirectory directory;
    private final IamArns arns;
    private final IamShapes shapes;

    UserPolicyActions(IdentityDirectory directory, IamArns arns, IamShapes shapes) {
        this.directory = directory;
        this.arns = arns;
        this.shapes = shapes;
    }

    Map<String, IamAction> actions() {
        return Map.of("PutUserPolicy", this::put, "GetUserPolicy", this::get, "ListUserPolicies", this::list,
                "DeleteUserPolicy", this::delete, "AttachUserPolicy", this::attach, "DetachUserPolicy",
                this::detach, "ListAttachedUserPolicies", this::listAttached);
    }

    private QueryResult put(IamRequest request) {
        String user = request.form().required(EXISTING_USER_NAME);
        String policyName = request.form().required(POLICY_NAME);
        String document = request.form().required(POLICY_DOCUMENT);
        request.authorize("iam:PutUserPolicy", arns.user(user));
        directory.putUserPolicy(user, policyName, document);
        return QueryResult.none();
    }

    private QueryResult get(IamRequest request) {
        String user = request.form().required(EXISTING_USER_NAME);
        String policyName = request.form().required(POLICY_NAME);
        request.authorize("iam:GetUserPolicy", arns.user(user));
        String document = directory.user(user).inlinePolicies().get(policyName);
        if (document == null) {
            throw IamException.noSuchEntity("The user policy with name " + policyName + " cannot be found.");
        }
        return QueryResult.of(xml -> xml.element("UserName", user)
                .element("PolicyName", policyName)
                .element("PolicyDocument", IamShapes.encodeDocument(document)));
    }

    private QueryResult list(IamRequest request) {
        String user = request.form().required(EXISTING_USER_NAME);
        request.authorize("iam:ListUserPolicies", arns.user(user));
        List<String> names = List.copyOf(directory.user(user).inlinePolicies().keySet());
        Paging.Page<String> page = Paging.page(names, Function.identity(), request.form());
        return QueryResult.of(xml -> {
            xml.start("PolicyNames");
            page.items().forEach(name -> xml.element("member", name));
            xml.end();
            page.writeTruncation(xml);
        });
    }

    private QueryResult delete(IamRequest request) {
        String user = request.form().required(EXISTING_USER_NAME);
        String policyName = request.form().required(POLICY_NAME);
        request.authorize("iam:DeleteUserPolicy", arns.user(user));
        directory.deleteUserPolicy(user, policyName);
        return QueryResult.none();
    }

    private QueryResult attach(IamRequest request) {
        String user = request.form().required(USER_NAME);
        String policyArn = request.form().required(POLICY_ARN);
        request.authorize("iam:AttachUserPolicy", arns.user(user), IamRequest.policyArnKey(policyArn));
        directory.attachUserPolicy(user, policyArn);
        return QueryResult.none();
    }

    private QueryResult detach(IamRequest request) {
        String user = request.form().required(USER_NAME);
        String policyArn = request.form().required(POLICY_ARN);
        request.authorize("iam:DetachUserPolicy", arns.user(user), IamRequest.policyArnKey(policyArn));
        directory.detachUserPolicy(user, policyArn);
        return QueryResult.none();
    }

    private QueryResult listAttached(IamRequest request) {
        String user = request.form().required(USER_NAME);
        String prefix = request.form().string(POLICY_PATH_PREFIX).orElse("/");
        request.authorize("iam:ListAttachedUserPolicies", arns.user(user));
        List<String> attached = directory.user(user).attachedPolicies().stream()
                .filter(arn -> PolicyCatalog.pathOf(arn).startsWith(prefix)).toList();
        Paging.Page<String> page = Paging.page(attached, Function.identity(), request.form());
        return QueryResult.of(xml -> {
            xml.start("AttachedPolicies");
            page.items().forEach(arn -> shapes.attachedPolicy(xml, arn));
            xml.end();
            page.writeTruncation(xml);
        });
    }
}
