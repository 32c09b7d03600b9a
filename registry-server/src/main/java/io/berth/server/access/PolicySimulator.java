package io.berth.server.access;

import io.berth.auth.identity.Account;
import io.berth.auth.identity.IamException;
import io.berth.auth.identity.Identities;
import io.berth.auth.identity.Records.Role;
import io.berth.auth.identity.Records.User;
import io.berth.auth.policy.Decision;
import io.berth.auth.policy.RequestContext;
import io.berth.auth.policy.RequestPrincipal;
import io.berth.auth.policy.StatementRef;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers "may this principal do this action on this resource, and which statements decide it?" with the same
 * policies and evaluation the live requests get, without performing anything.
 */
public final class PolicySimulator {
    private static final Pattern USER = Pattern.compile("arn:aws:iam::(\\d{12}):user(/.*/|/)([^/]+)");
    private static final Pattern ROLE = Pattern.compile("arn:aws:iam::(\\d{12}):role(/.*/|/)([^/]+)");
    private static final String SIMULATION_SESSION = "simulation";

    /** The outcome of one simulation. */
    public record Result(String principalArn, String action, String resource, Decision.Outcome decision,
                         List<StatementRef> statements, String reason) {
    }

    private final Identities identities;
    private final PolicyAuthorizer authorizer;

    public PolicySimulator(Identities identities, PolicyAuthorizer authorizer) {
        this.identities = identities;
        this.authorizer = authorizer;
    }

    /**
     * @param principalArn the root, a user, or a role (simulated as one of its sessions)
     * @param context      condition keys, e.g. {@code aws:SourceIp → [10.0.0.1]}
     */
    public Result simulate(String principalArn, String action, String resource, Map<String, List<String>> context) {
        RequestPrincipal principal = principalOf(principalArn);
        Decision decision = authorizer.decide(new RequestContext(principal, action, resource, context));
        return new Result(principal.arn(), action, resource, decision.outcome(), decision.statements(),
                decision.reason());
    }

    private RequestPrincipal principalOf(String arn) {
        Account account = identities.account();
        if (arn.equals(account.rootArn()) || arn.equals(account.accountId())) {
            return RequestPrincipal.accountRoot(account.accountId());
        }
        Matcher user = USER.matcher(arn);
        if (user.matches() && user.group(1).equals(account.accountId())) {
            User found = identities.directory().user(user.group(3));
            return RequestPrincipal.iamUser(account.accountId(), found.path(), found.name(), found.userId(),
                    found.tags());
        }
        Matcher role = ROLE.matcher(arn);
        if (role.matches() && role.group(1).equals(account.accountId())) {
            Role found = identities.directory().role(role.group(3));
            return RequestPrincipal.assumedRole(account.accountId(), found.path(), found.name(), found.roleId(),
                    SIMULATION_SESSION, found.tags());
        }
        throw IamException.invalidInput("the principal must be this account's root, one of its users or roles: "
                + arn);
    }
}
