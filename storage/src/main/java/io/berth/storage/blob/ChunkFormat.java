package io.berth.storage.blob;

import io.berth.storage.error.StorageFailureException;

/**
 * The stored form of one blob chunk: a format byte, then the bytes. Format 1 is plain; a sealed format can be
 * added beside it without rewriting stored data.
 */
final class ChunkFormat {
    static final byte PLAIN = 1;
    static final int HEADER_BYTES = 1;

    /** A buffer for a chunk of up to {@code payload} bytes, with its header already in place. */
    static byte[] newBuffer(int payload) {
        byte[] buffer = new byte[HEADER_BYTES + payload];
        buffer[0] = PLAIN;
        return buffer;
    }

    /** The payload of a stored chunk value, from {@code skip} bytes into the payload. */
    static Chunk payload(byte[] stored, long skip) {
        if (stored.length < HEADER_BYTES || stored[0] != PLAIN) {
            throw new StorageFailureException("unknown chunk format", null);
        }
        int start = HEADER_BYTES + (int) skip;
        return new Chunk(stored, start, stored.length - start);
    }

    private ChunkFormat() {
    }
}
