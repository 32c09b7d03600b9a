package io.berth.storage.error;

/** A digest is malformed, of an unsupported algorithm, or does not match the content. */
public final class DigestInvalidException extends StorageException {
    public DigestInvalidException(String message) {
        super(message);
    }

    public DigestInvalidException(String message, Object detail) {
        super(message, detail);
    }
}
