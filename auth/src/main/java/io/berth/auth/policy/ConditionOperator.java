package io.berth.auth.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * A full condition operator as written in a policy: an optional set operator ({@code ForAnyValue:},
 * {@code ForAllValues:}), a {@link BaseOperator}, and an optional {@code IfExists} suffix. Names are
 * case-sensitive, as IAM's are.
 */
public record ConditionOperator(SetOperator setOperator, BaseOperator base, boolean ifExists) {
    private static final String IF_EXISTS = "IfExists";

    public enum SetOperator {
        NONE(""), FOR_ANY_VALUE("ForAnyValue:"), FOR_ALL_VALUES("ForAllValues:");

        private final String prefix;

        SetOperator(String prefix) {
            this.prefix = prefix;
        }
    }

    public ConditionOperator {
        Objects.requireNonNull(setOperator, "setOperator");
        Objects.requireNonNull(base, "base");
    }

    static Optional<ConditionOperator> parse(String name) {
        SetOperator set = SetOperator.NONE;
        String rest = name;
        for (SetOperator candidate : SetOperator.values()) {
            if (candidate != SetOperator.NONE && rest.startsWith(candidate.prefix)) {
                set = candidate;
                rest = rest.substring(candidate.prefix.length());
                break;
            }
        }
        boolean ifExists = rest.endsWith(IF_EXISTS);
        if (ifExists) {
            rest = rest.substring(0, rest.length() - IF_EXISTS.length());
        }
        SetOperator setOperator = set;
        return BaseOperator.byName(rest).map(base -> new ConditionOperator(setOperator, base, ifExists));
    }

    /** The operator as written in a policy, such as {@code ForAnyValue:StringLikeIfExists}. */
    public String name() {
        return setOperator.prefix + base.operatorName() + (ifExists ? IF_EXISTS : "");
    }
}
