package io.berth.storage.error;

/** The disk under the data directory has no room left; nothing was half-written. */
public final class StorageFullException extends StorageFailureException {
    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
