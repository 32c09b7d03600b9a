package io.berth.storage.error;

/** Content is larger than allowed, or its length does not match what was declared. */
public final class SizeInvalidException extends StorageException {
    public SizeInvalidException(String message) {
        super(message);
    }

    public SizeInvalidException(String message, Object detail) {
        super(message, detail);
    }
}
