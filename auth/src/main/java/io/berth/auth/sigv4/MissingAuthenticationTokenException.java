package io.berth.auth.sigv4;

/** The request carries no authentication at all: no Authorization header and no presigned query parameters. */
public final class MissingAuthenticationTokenException extends SigV4Exception {
    public static final String ERROR_CODE = "MissingAuthenticationTokenException";
    static final String MESSAGE = "Missing Authentication Token";

    public MissingAuthenticationTokenException() {
        super(MESSAGE);
    }

    @Override
    public String errorCode() {
        return ERROR_CODE;
    }
}
