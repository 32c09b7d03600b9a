package io.berth.server.http;

/** No endpoint matches the request path (404), or none matches its method (405). */
public final class EndpointNotFoundException extends RuntimeException {
    private final boolean methodNotAllowed;

    public EndpointNotFoundException(boolean methodNotAllowed) {
        super(methodNotAllowed ? "method not allowed on this endpoint" : "unknown endpoint");
        this.methodNotAllowed = methodNotAllowed;
    }

    public boolean methodNotAllowed() {
        return methodNotAllowed;
    }
}
