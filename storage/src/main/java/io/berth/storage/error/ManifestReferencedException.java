package io.berth.storage.error;

/** A manifest cannot be deleted because an image index in the same repository references it. */
public final class ManifestReferencedException extends StorageException {
    public ManifestReferencedException(String message, Object detail) {
        super(message, detail);
    }
}
