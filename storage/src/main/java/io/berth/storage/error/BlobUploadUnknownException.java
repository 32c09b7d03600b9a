package io.berth.storage.error;

/** An upload session does not exist: never started, finished, cancelled, or purged. */
public final class BlobUploadUnknownException extends StorageException {
    public BlobUploadUnknownException(String message) {
        super(message);
    }

    public BlobUploadUnknownException(String message, Object detail) {
        super(message, detail);
    }
}
