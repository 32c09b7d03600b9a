package io.berth.auth.tls;

import io.berth.auth.AuthException;

/**
 * TLS material cannot be used: a file is missing or unreadable, a PEM block does not parse, a private key does not
 * belong to its certificate, a certificate has expired. The message names the file and says what to do, because
 * the server stops at start-up with it.
 */
public final class TlsConfigurationException extends AuthException {
    public TlsConfigurationException(String message) {
        super(message);
    }

    public TlsConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
