package io.berth.server.http;

/** A request admitted by memory did not finish in time, usually because its body came too slowly (408). */
public final class RequestTimeoutException extends RuntimeException {
    public RequestTimeoutException(String message) {
        super(message);
    }
}
