package io.berth.auth.policy;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is making a request, as the evaluator needs it.
 *
 * @param type what kind of principal this is
 * @param arn the caller's own ARN: the user ARN, the assumed-role session ARN
 *     ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}), the account root ARN, or a service principal name
 * @param accountId the 12-digit account, or empty for a service principal
 * @param entityArn the IAM entity behind the caller, as {@code aws:PrincipalArn} reports it: the user ARN, the
 *     role ARN (with its path) for a role session, the root ARN, or the service name
 * @param userName the IAM user name ({@code aws:username}), present only for IAM users
 * @param userId the unique id ({@code aws:userid}): AIDA... for a user, AROA...:session for a role session, the
 *     account id for root
 * @param tags the principal's tags ({@code aws:PrincipalTag/...})
 */
public record RequestPrincipal(Type type, String arn, Optional<String> accountId, String entityArn,
        Optional<String> userName, String userId, Map<String, String> tags) {
    private static final String PARTITION = "aws";

    public enum Type {
        ACCOUNT_ROOT("Account"), IAM_USER("User"), ASSUMED_ROLE("AssumedRole"), SERVICE("AWSService");

        private final String principalType;

        Type(String principalType) {
            this.principalType = principalType;
        }

        /** The value of {@code aws:PrincipalType}. */
        public String principalType() {
            return principalType;
        }
    }

    public RequestPrincipal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(entityArn, "entityArn");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(userId, "userId");
        tags = Map.copyOf(tags);
    }

    /** An IAM user; {@code path} is "/" or "/division/team/". */
    public static RequestPrincipal iamUser(String accountId, String path, String userName, String userId,
            Map<String, String> tags) {
        String arn = "arn:" + PARTITION + ":iam::" + accountId + ":user" + path + userName;
        return new RequestPrincipal(Type.IAM_USER, arn, Optional.of(accountId), arn, Optional.of(userName), userId,
                tags);
    }

    public static RequestPrincipal iamUser(String accountId, String userName, String userId) {
        return iamUser(accountId, "/", userName, userId, Map.of());
    }

    /** A session of an assumed role; {@code rolePath} is "/" or "/path/". */
    public static RequestPrincipal assumedRole(String accountId, String rolePath, String roleName, String roleId,
            String sessionName, Map<String, String> tags) {
        String sessionArn = "arn:" + PARTITION + ":sts::" + accountId + ":assumed-role/" + roleName + "/"
                + sessionName;
        String roleArn = "arn:" + PARTITION + ":iam::" + accountId + ":role" + rolePath + roleName;
        return new RequestPrincipal(Type.ASSUMED_ROLE, sessionArn, Optional.of(accountId), roleArn,
                Optional.empty(), roleId + ":" + sessionName, tags);
    }

    /** The account's root user, which has full access to its own account's resources. */
    public static RequestPrincipal accountRoot(String accountId) {
        String arn = "arn:" + PARTITION + ":iam::" + accountId + ":root";
        return new RequestPrincipal(Type.ACCOUNT_ROOT, arn, Optional.of(accountId), arn, Optional.empty(),
                accountId, Map.of());
    }

    /** An AWS service acting on its own behalf, such as {@code replication.ecr.amazonaws.com}. */
    public static RequestPrincipal service(String servicePrincipal) {
        return new RequestPrincipal(Type.SERVICE, servicePrincipal, Optional.empty(), servicePrincipal,
                Optional.empty(), servicePrincipal, Map.of());
    }

    /** The name of the role behind a role session, which the session ARN carries without the role's path. */
    Optional<String> roleName() {
        if (type != Type.ASSUMED_ROLE) {
            return Optional.empty();
        }
        String afterType = arn.substring(arn.indexOf(":assumed-role/") + ":assumed-role/".length());
        return Optional.of(afterType.substring(0, afterType.indexOf('/')));
    }
}
