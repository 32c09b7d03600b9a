package io.berth.auth.sigv4;

/** The request was signed with temporary credentials whose expiry has passed. */
public final class ExpiredTokenException extends SigV4Exception {
    public static final String ERROR_CODE = "ExpiredTokenException";
    static final String MESSAGE = "The security token included in the request is expired";

    public ExpiredTokenException() {
        super(MESSAGE);
    }

    @Override
    public String errorCode() {
        return ERROR_CODE;
    }
}
