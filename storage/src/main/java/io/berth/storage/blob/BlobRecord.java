package io.berth.storage.blob;

/**
 * The index entry of a stored blob.
 *
 * @param contentId   hex of the 16-byte id its chunks are stored under
 * @param size        length in bytes
 * @param createdAt   epoch millis when it was first committed
 * @param touchedAt   epoch millis when it was last committed, mounted or linked; garbage collection spares
 *                    blobs touched within its grace period
 */
public record BlobRecord(String contentId, long size, long createdAt, long touchedAt) {
    public BlobRecord touched(long now) {
        return new BlobRecord(contentId, size, createdAt, now);
    }
}
