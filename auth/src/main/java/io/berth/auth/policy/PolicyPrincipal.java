package io.berth.auth.policy;

import java.util.Objects;

/**
 * One entry of a {@code Principal} or {@code NotPrincipal} element, normalized: {@code "*"} and {@code {"AWS":"*"}}
 * are {@link Type#ANYONE}; a 12-digit account id and {@code arn:aws:iam::ACCOUNT:root} are both
 * {@link Type#ACCOUNT} (AWS stores the former as the latter).
 */
public record PolicyPrincipal(Type type, String value) {
    public enum Type { ANYONE, ACCOUNT, AWS_ARN, SERVICE, FEDERATED, CANONICAL_USER }

    public PolicyPrincipal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    static PolicyPrincipal anyone() {
        return new PolicyPrincipal(Type.ANYONE, "*");
    }

    /**
     * Whether the caller is this principal. An account matches every principal of that account (IAM users, role
     * sessions and the root user); a role ARN matches the role's sessions; a user or session ARN matches exactly.
     */
    boolean matches(RequestPrincipal caller) {
        return switch (type) {
            case ANYONE -> true;
            case ACCOUNT -> caller.type() != RequestPrincipal.Type.SERVICE
                    && caller.accountId().map(value::equals).orElse(false);
            case AWS_ARN -> value.equals(caller.arn()) || value.equals(caller.entityArn());
            case SERVICE -> caller.type() == RequestPrincipal.Type.SERVICE && value.equalsIgnoreCase(caller.arn());
            case FEDERATED, CANONICAL_USER -> false;
        };
    }
}
