package io.berth.auth.sigv4;

/**
 * The request's signing time is outside the accepted clock-skew window, or a presigned request's validity has
 * ended. AWS's JSON services report this as {@code InvalidSignatureException} with a "Signature expired" message,
 * so that is the error code; the class name keeps the condition apart for logs and metrics.
 */
public final class SignatureExpiredException extends SigV4Exception {
    public static final String ERROR_CODE = InvalidSignatureException.ERROR_CODE;

    public SignatureExpiredException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return ERROR_CODE;
    }
}
