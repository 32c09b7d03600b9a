package io.berth.storage.error;

/** A tag does not follow the distribution spec's grammar. */
public final class TagInvalidException extends StorageException {
    public TagInvalidException(String message) {
        super(message);
    }

    public TagInvalidException(String message, Object detail) {
        super(message, detail);
    }
}
