package io.berth.storage.error;

/** A manifest or tag is not present in the repository. */
public final class ManifestUnknownException extends StorageException {
    public ManifestUnknownException(String message) {
        super(message);
    }

    public ManifestUnknownException(String message, Object detail) {
        super(message, detail);
    }
}
