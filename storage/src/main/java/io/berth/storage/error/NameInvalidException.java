package io.berth.storage.error;

/** A repository name does not follow the distribution spec's grammar. */
public final class NameInvalidException extends StorageException {
    public NameInvalidException(String message) {
        super(message);
    }

    public NameInvalidException(String message, Object detail) {
        super(message, detail);
    }
}
