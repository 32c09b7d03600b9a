package io.berth.auth.policy;

import java.util.List;
import java.util.Objects;

/**
 * The evaluator's answer for one request.
 *
 * @param outcome allowed, explicitly denied, or implicitly denied
 * @param statements the statements that decided it: every matching Deny for an explicit deny, every matching Allow
 *     for an allow, none for an implicit deny
 * @param reason in AWS's words: "no identity-based policy allows the ecr:PutImage action", "explicit deny in a
 *     resource-based policy", "allowed by an identity-based policy"
 */
public record Decision(Outcome outcome, List<StatementRef> statements, String reason) {
    public enum Outcome { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        statements = List.copyOf(statements);
        Objects.requireNonNull(reason, "reason");
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }

    /**
     * The message AWS puts in an AccessDeniedException: "User: ARN is not authorized to perform: ACTION on
     * resource: RESOURCE because no identity-based policy allows the ACTION action" (or "with an explicit deny in
     * an identity-based policy").
     */
    public String accessDeniedMessage(RequestContext request) {
        if (allowed()) {
            throw new IllegalStateException("the request is allowed");
        }
        String because = outcome == Outcome.EXPLICIT_DENY ? "with an " + reason : "because " + reason;
        return "User: " + request.principal().arn() + " is not authorized to perform: " + request.action()
                + " on resource: " + request.resource() + " " + because;
    }
}
