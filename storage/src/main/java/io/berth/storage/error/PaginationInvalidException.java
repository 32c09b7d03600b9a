package io.berth.storage.error;

/** A pagination parameter is malformed. */
public final class PaginationInvalidException extends StorageException {
    public PaginationInvalidException(String message) {
        super(message);
    }

    public PaginationInvalidException(String message, Object detail) {
        super(message, detail);
    }
}
