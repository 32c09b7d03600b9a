package io.berth.server.aws.sts;

import io.berth.auth.identity.Identities;
import io.berth.auth.policy.PolicyEvaluator;
import io.berth.auth.policy.RequestPrincipal;
import io.berth.server.aws.AwsCall;
import io.berth.server.aws.AwsError;
import io.berth.server.aws.AwsReply;
import io.berth.server.aws.AwsService;
import io.berth.server.aws.query.QueryException;
import io.berth.server.aws.query.QueryForm;
import io.berth.server.aws.query.QueryProtocol;
import io.berth.server.aws.query.QueryResult;

/**
 * STS's Query API (version 2011-06-15): GetCallerIdentity (which, as in AWS, needs no permission) and
 * AssumeRole. Failures are thrown and rendered as STS's {@code ErrorResponse}.
 */
public final class StsService implements AwsService {
    public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    public static final String VERSION = "2011-06-15";

    private final Identities identities;
    private final AssumeRoleAction assumeRole;
    private final QueryProtocol protocol = new QueryProtocol(NAMESPACE);

    /**
     * @param identities the account's roles, the callers' identity policies, and the session keys
     * @param evaluator  the policy evaluator, for role trust policies and the caller's identity policies
     */
    public StsService(Identities identities, PolicyEvaluator evaluator) {
        this.identities = identities;
        this.assumeRole = new AssumeRoleAction(identities, new RoleTrust(identities, evaluator));
    }

    @Override
    public String name() {
        return "sts";
    }

    @Override
    public AwsReply handle(AwsCall call) {
        QueryForm form = QueryForm.parse(call.body());
        String action = form.action().orElseThrow(QueryException::missingAction);
        QueryResult result = switch (action) {
            case "GetCallerIdentity" -> callerIdentity(call.caller());
            case "AssumeRole" -> assumeRole.handle(call, form);
            default -> throw QueryException.invalidAction(action, form.version(VERSION));
        };
        return protocol.success(action, result, call.requestId());
    }

    @Override
    public AwsReply render(AwsError error, String requestId) {
        return protocol.error(error, requestId);
    }

    /** The account id for the root, AIDA... for a user, AROA...:session for a role session. */
    private QueryResult callerIdentity(RequestPrincipal caller) {
        String account = caller.accountId().orElse(identities.account().accountId());
        return QueryResult.of(xml -> xml.element("UserId", caller.userId())
                .element("Account", account)
                .element("Arn", caller.arn()));
    }
}
