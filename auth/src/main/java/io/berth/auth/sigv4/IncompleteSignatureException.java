package io.berth.auth.sigv4;

/** The request carries SigV4 authentication that is malformed or lacks a required part. */
public final class IncompleteSignatureException extends SigV4Exception {
    public static final String ERROR_CODE = "IncompleteSignatureException";

    public IncompleteSignatureException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return ERROR_CODE;
    }
}
