package io.berth.storage.error;

/** A blob is not known to the repository it was asked for in. */
public final class BlobUnknownException extends StorageException {
    public BlobUnknownException(String message) {
        super(message);
    }

    public BlobUnknownException(String message, Object detail) {
        super(message, detail);
    }
}
