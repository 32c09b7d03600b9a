package io.berth.storage.blob;

/**
 * The persisted state of an upload session.
 *
 * @param id         the upload id (a UUID) used in the upload URL
 * @param repository the repository the upload was started in
 * @param contentId  hex of the content id its chunks are written under
 * @param offset     bytes received and stored so far
 * @param startedAt  epoch millis of the POST that started it
 * @param updatedAt  epoch millis of the last write; abandoned uploads are purged by this age
 */
public record UploadRecord(String id, String repository, String contentId, long offset, long startedAt,
                           long updatedAt) {
    UploadRecord advancedTo(long newOffset, long now) {
        return new UploadRecord(id, repository, contentId, newOffset, startedAt, now);
    }
}
