package io.berth.server.http;

/**
 * A failure as a client sees it.
 *
 * @param status  the HTTP status
 * @param code    the OCI error code
 * @param message a human-readable message
 * @param detail  structured detail, or null
 */
public record ApiError(int status, String code, String message, Object detail) {
    public boolean isServerFault() {
        return status >= 500;
    }
}
