package io.berth.storage.error;

/**
 * Base of every failure the storage module reports. Subclasses are named for the condition; none of them knows
 * about HTTP: the server's error mapper decides how each one is shown to a client.
 */
public abstract class StorageException extends RuntimeException {
    private final transient Object detail;

    protected StorageException(String message) {
        this(message, null, null);
    }

    protected StorageException(String message, Object detail) {
        this(message, detail, null);
    }

    protected StorageException(String message, Object detail, Throwable cause) {
        super(message, cause);
        this.detail = detail;
    }

    /** Structured detail for the client (a digest, a name, a range); may be null. */
    public Object detail() {
        return detail;
    }
}
