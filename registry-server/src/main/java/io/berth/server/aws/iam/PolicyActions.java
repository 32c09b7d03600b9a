package io.berth.server.aws.iam;

import static io.berth.server.aws.iam.IamFields.POLICY_ARN;
import static io.berth.server.aws.iam.IamFields.POLICY_DESCRIPTION;
import static io.berth.server.aws.iam.IamFields.POLICY_DOCUMENT;
import static io.berth.server.aws.iam.IamFields.POLICY_NAME;
import static io.berth.server.aws.iam.IamFields.POLICY_PATH;
import static io.berth.server.aws.iam.IamFields.POLICY_PATH_PREFIX;
import static io.berth.server.aws.iam.IamFields.POLICY_USAGE_FILTER;
import static io.berth.server.aws.iam.IamFields.SCOPE;

import io.berth.auth.identity.IamException;
import io.berth.auth.identity.IdentityDirectory;
import io.berth.auth.identity.Records.ManagedPolicy;
import io.berth.server.aws.query.Paging;
import io.berth.server.aws.query.QueryResult;
import java.util.List;
import java.util.Map;

/**
 * CreatePolicy, GetPolicy, ListPolicies: customer managed policies and the AWS managed ECR policies Berth bundles.
 * Description and tags of a new policy are checked but not kept (the policy record has neither).
 */
final class PolicyActions {
    private final IdentityDirectory directory;
    private final PolicyCatalog catalog;
    private final IamShapes shapes;

    PolicyActions(IdentityDirectory directory, PolicyCatalog catalog, IamShapes shapes) {
        this.directory = directory;
        this.catalog = catalog;
        this.shapes = shapes;
    }

    Map<String, IamAction> actions() {
        return Map.of("CreatePolicy", this::create, "GetPolicy", this::get, "ListPolicies", this::list);
    }

    private QueryResult create(IamRequest request) {
        String name = request.form().required(POLICY_NAME);
        String path = request.form().string(POLICY_PATH).orElse("/");
        String document = request.form().required(POLICY_DOCUMENT);
        request.form().string(POLICY_DESCRIPTION);
        Map<String, String> tags = request.form().tags("Tags");
        request.authorize("iam:CreatePolicy", request.account().policyArn(path, name),
                IamRequest.requestTags(tags));
        ManagedPolicy policy = directory.createPolicy(name, path, document);
        PolicyView view = catalog.created(policy);
        return QueryResult.of(xml -> shapes.policy(xml, "Policy", view));
    }

    private QueryResult get(IamRequest request) {
        String arn = request.form().required(POLICY_ARN);
        request.authorize("iam:GetPolicy", arn);
        PolicyView view = catalog.find(arn).orElseThrow(() ->
                IamException.noSuchEntity("Policy " + arn + " was not found."));
        return QueryResult.of(xml -> shapes.policy(xml, "Policy", view));
    }

    /** Scope All (default), AWS or Local; no policy is used as a permissions boundary in Berth. */
    private QueryResult list(IamRequest request) {
        String scope = request.form().string(SCOPE).orElse("All");
        boolean onlyAttached = request.form().bool("OnlyAttached").orElse(false);
        String prefix = request.form().string(POLICY_PATH_PREFIX).orElse("/");
        boolean boundaries = request.form().string(POLICY_USAGE_FILTER).orElse("").equals("PermissionsBoundary");
        request.authorize("iam:ListPolicies", "*");
        List<PolicyView> policies = boundaries ? List.of() : catalog.list(scope, onlyAttached, prefix);
        Paging.Page<PolicyView> page = Paging.page(policies, PolicyView::arn, request.form());
        return QueryResult.of(xml -> {
            xml.start("Policies");
            page.items().forEach(policy -> shapes.policy(xml, "member", policy));
            xml.end();
            page.writeTruncation(xml);
        });
    }
}
