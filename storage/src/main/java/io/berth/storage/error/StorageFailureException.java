package io.berth.storage.error;

/**
 * The store itself failed (an I/O error of RocksDB, a full disk, corrupt data). Never the client's fault: the
 * server answers 5xx and logs the cause once.
 */
public class StorageFailureException extends StorageException {
    public StorageFailureException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
