package io.berth.storage.error;

/** The operation is valid but not supported by this registry or its configuration. */
public final class UnsupportedException extends StorageException {
    public UnsupportedException(String message) {
        super(message);
    }

    public UnsupportedException(String message, Object detail) {
        super(message, detail);
    }
}
