package io.berth.server.aws.iam;

import io.berth.auth.policy.RequestPrincipal;
import io.berth.server.access.AccessDeniedException;
import io.berth.server.access.Authorizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An {@link Authorizer} for tests: allows everything except the actions (or action-and-resource pairs) it was
 * told to deny, and records every question it was asked.
 */
public final class TableAuthorizer implements Authorizer {
    /** One authorization question. */
    public record Check(String principalArn, String action, String resource, Map<String, List<String>> context) {
    }

    private final Set<String> denied = new HashSet<>();
    private final List<Check> checks = new ArrayList<>();
    private boolean denyAll;

    public TableAuthorizer denyAll() {
        denyAll = true;
        return this;
    }

    public TableAuthorizer deny(String action) {
        denied.add(action);
        return this;
    }

    public TableAuthorizer deny(String action, String resource) {
        denied.add(action + " " + resource);
        return this;
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    public Check last() {
        return checks.get(checks.size() - 1);
    }

    public void clear() {
        checks.clear();
    }

    @Override
    public void authorize(RequestPrincipal principal, String action, String resource,
                          Map<String, List<String>> context) {
        checks.add(new Check(principal.arn(), action, resource, Map.copyOf(context)));
        if (denyAll || denied.contains(action) || denied.contains(action + " " + resource)) {
            throw new AccessDeniedException("User: " + principal.arn() + " is not authorized to perform: " + action
                    + " on resource: " + resource + " because no identity-based policy allows the " + action
                    + " action", action);
        }
    }
}
