package io.berth.storage.blob;

import java.nio.ByteBuffer;

/**
 * Appends bytes to one upload. Bytes are buffered into chunks and stored in segments; the upload's recorded
 * offset moves only once a segment is stored, so after a crash the recorded offset always matches the stored
 * bytes. Blocking: use from a worker thread. Exactly one sink may be open per upload.
 */
public interface UploadSink extends AutoCloseable {
    /** Appends the remaining bytes of {@code source}, leaving its position at its limit. */
    void write(ByteBuffer source);

    /** Appends {@code length} bytes of {@code source} from {@code from}. */
    default void write(byte[] source, int from, int length) {
        write(ByteBuffer.wrap(source, from, length));
    }

    /** Bytes of the upload so far, including those buffered. */
    long offset();

    /** Stores what is buffered and releases the upload for the next request. */
    @Override
    void close();
}
