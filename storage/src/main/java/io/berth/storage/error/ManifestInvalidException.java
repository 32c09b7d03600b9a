package io.berth.storage.error;

/** A manifest is malformed, of an unsupported type, or inconsistent with its declared media type. */
public final class ManifestInvalidException extends StorageException {
    public ManifestInvalidException(String message) {
        super(message);
    }

    public ManifestInvalidException(String message, Object detail) {
        super(message, detail);
    }
}
