package io.berth.storage.blob;

/**
 * Appends bytes to one upload. Bytes are buffered into chunks and each full chunk is stored together with the
 * upload's new offset in one atomic batch, so after a crash the recorded offset always matches the stored bytes.
 * Blocking: use from a worker thread. Exactly one sink may be open per upload.
 */
public interface UploadSink extends AutoCloseable {
    /** Appends {@code length} bytes of {@code source} from {@code from}. */
    void write(byte[] source, int from, int length);

    /** Bytes of the upload so far, including those buffered. */
    long offset();

    /** Stores what is buffered and releases the upload for the next request. */
    @Override
    void close();
}
