package io.berth.server.aws.iam;

import io.berth.auth.identity.Identities;
import io.berth.auth.policy.ManagedPolicies;
import io.berth.server.access.Authorizer;
import io.berth.server.aws.AwsCall;
import io.berth.server.aws.AwsError;
import io.berth.server.aws.AwsReply;
import io.berth.server.aws.AwsService;
import io.berth.server.aws.query.QueryException;
import io.berth.server.aws.query.QueryForm;
import io.berth.server.aws.query.QueryProtocol;
import java.util.Map;
import java.util.TreeMap;

/**
 * IAM's Query API (version 2010-05-08) over Berth's identity directory: users, access keys, groups, roles, inline
 * and managed policies. Each action authorizes the caller first (resource ARNs per the IAM service authorization
 * reference), then acts; failures are thrown and rendered as IAM's {@code ErrorResponse}.
 */
public final class IamService implements AwsService {
    public static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    public static final String VERSION = "2010-05-08";

    private final Identities identities;
    private final Authorizer authorizer;
    private final QueryProtocol protocol = new QueryProtocol(NAMESPACE);
    private final Map<String, IamAction> actions;

    /**
     * @param identities the account's users, groups, roles, policies and access keys
     * @param awsManaged the bundled AWS managed policies, listed and described next to the customer ones
     * @param authorizer decides whether the caller may perform each IAM action
     */
    public IamService(Identities identities, ManagedPolicies awsManaged, Authorizer authorizer) {
        this.identities = identities;
        this.authorizer = authorizer;
        IamArns arns = new IamArns(identities.directory());
        IamShapes shapes = new IamShapes(identities.account());
        Map<String, IamAction> table = new TreeMap<>();
        table.putAll(new UserActions(identities, arns, shapes).actions());
        table.putAll(new AccessKeyActions(identities.directory(), identities.keys(), arns, shapes).actions());
        table.putAll(new UserPolicyActions(identities.directory(), arns, shapes).actions());
        table.putAll(new GroupActions(identities.directory(), arns, shapes).actions());
        table.putAll(new RoleActions(identities.directory(), arns, shapes).actions());
        table.putAll(new PolicyActions(identities.directory(),
                new PolicyCatalog(identities.directory(), awsManaged), shapes).actions());
        this.actions = Map.copyOf(table);
    }

    @Override
    public String name() {
        return "iam";
    }

    @Override
    public AwsReply handle(AwsCall call) {
        QueryForm form = QueryForm.parse(call.body());
        String action = form.action().orElseThrow(QueryException::missingAction);
        IamAction handler = actions.get(action);
        if (handler == null) {
            throw QueryException.invalidAction(action, form.version(VERSION));
        }
        IamRequest request = new IamRequest(call, form, identities.account(), authorizer);
        return protocol.success(action, handler.handle(request), call.requestId());
    }

    @Override
    public AwsReply render(AwsError error, String requestId) {
        return protocol.error(error, requestId);
    }
}
