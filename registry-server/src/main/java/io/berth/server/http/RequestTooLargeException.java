package io.berth.server.http;

/** A request body is larger than the endpoint accepts (413). */
public final class RequestTooLargeException extends RuntimeException {
    private final long limit;

    public RequestTooLargeException(String message, long limit) {
        super(message);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
