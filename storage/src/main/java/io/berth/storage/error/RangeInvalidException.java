package io.berth.storage.error;

/** A requested byte range cannot be served, or an uploaded chunk is out of order. */
public final class RangeInvalidException extends StorageException {
    public RangeInvalidException(String message) {
        super(message);
    }

    public RangeInvalidException(String message, Object detail) {
        super(message, detail);
    }
}
