package io.berth.storage.error;

/** A repository does not exist. */
public final class NameUnknownException extends StorageException {
    public NameUnknownException(String message) {
        super(message);
    }

    public NameUnknownException(String message, Object detail) {
        super(message, detail);
    }
}
