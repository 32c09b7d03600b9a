package io.berth.storage.error;

/** A manifest references a blob or child manifest that the repository does not have. */
public final class ManifestBlobUnknownException extends StorageException {
    public ManifestBlobUnknownException(String message) {
        super(message);
    }

    public ManifestBlobUnknownException(String message, Object detail) {
        super(message, detail);
    }
}
