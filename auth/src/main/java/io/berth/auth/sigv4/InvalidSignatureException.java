package io.berth.auth.sigv4;

/**
 * The signature does not match the request, or the credential scope is not acceptable (wrong date, service,
 * region or terminator).
 */
public final class InvalidSignatureException extends SigV4Exception {
    public static final String ERROR_CODE = "InvalidSignatureException";
    /** AWS's wording for a signature that does not match. */
    public static final String MISMATCH_MESSAGE = "The request signature we calculated does not match the signature "
            + "you provided. Check your AWS Secret Access Key and signing method. "
            + "Consult the service documentation for details.";

    public InvalidSignatureException() {
        super(MISMATCH_MESSAGE);
    }

    public InvalidSignatureException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return ERROR_CODE;
    }
}
