package io.berth.storage.error;

/** An upload request does not fit the upload's state (a wrong offset, a bad Content-Range). */
public final class BlobUploadInvalidException extends StorageException {
    public BlobUploadInvalidException(String message) {
        super(message);
    }

    public BlobUploadInvalidException(String message, Object detail) {
        super(message, detail);
    }
}
