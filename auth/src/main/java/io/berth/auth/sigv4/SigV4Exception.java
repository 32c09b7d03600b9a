package io.berth.auth.sigv4;

import io.berth.auth.AuthException;

/**
 * A request's AWS Signature Version 4 authentication failed. Each subclass is named for the condition and carries
 * the error type AWS's JSON services put in {@code __type} for it, so the server can answer the way ECR does.
 * Messages never contain a secret key, a session token, or the request's Authorization header.
 */
public abstract sealed class SigV4Exception extends AuthException
        permits IncompleteSignatureException, MissingAuthenticationTokenException, InvalidSignatureException,
        SignatureExpiredException, UnrecognizedClientException, ExpiredTokenException {

    protected SigV4Exception(String message) {
        super(message);
    }

    /** The AWS error type, e.g. {@code InvalidSignatureException}. */
    public abstract String errorCode();
}
