package io.berth.auth.sigv4;

/**
 * The access key id is unknown or inactive, or the session token does not belong to it. The message is the same in
 * every case, as AWS's is, so it says nothing more than that the credentials were refused.
 */
public final class UnrecognizedClientException extends SigV4Exception {
    public static final String ERROR_CODE = "UnrecognizedClientException";
    static final String MESSAGE = "The security token included in the request is invalid.";

    public UnrecognizedClientException() {
        super(MESSAGE);
    }

    @Override
    public String errorCode() {
        return ERROR_CODE;
    }
}
