package io.berth.server.access;

/**
 * The caller may not perform an action on a resource. The message is AWS's: "User: ARN is not authorized to
 * perform: ACTION on resource: ARN because no identity-based policy allows the ACTION action".
 */
public final class AccessDeniedException extends RuntimeException {
    private final String action;

    public AccessDeniedException(String message, String action) {
        super(message);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
