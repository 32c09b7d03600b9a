package io.berth.server.access;

import io.berth.auth.policy.RequestPrincipal;
import java.util.List;
import java.util.Map;

/** Decides whether a principal may perform an action on a resource, as IAM would. */
public interface Authorizer {
    /**
     * @param resource a resource ARN, or {@code *} for account-level actions
     * @param context  request condition keys (aws:SourceIp, aws:SecureTransport, ...)
     * @throws AccessDeniedException when the action is not allowed
     */
    void authorize(RequestPrincipal principal, String action, String resource, Map<String, List<String>> context);

    /**
     * Whether policies really allow the action (never relaxed by a dry-run mode): for decisions that grant access
     * rather than refuse it, such as anonymous pulls.
     */
    default boolean allows(RequestPrincipal principal, String action, String resource,
                           Map<String, List<String>> context) {
        try {
            authorize(principal, action, resource, context);
            return true;
        } catch (AccessDeniedException denied) {
            return false;
        }
    }
}
