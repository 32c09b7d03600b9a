package io.berth.storage.blob;

import io.berth.storage.error.StorageFailureException;
import java.nio.ByteBuffer;

/**
 * The stored form of one blob chunk: a format byte, then the bytes. Format 1 is plain; a sealed format can be
 * added beside it without rewriting stored data.
 */
final class ChunkFormat {
    static final byte PLAIN = 1;
    static final int HEADER_BYTES = 1;

    /** Starts a chunk in a cleared buffer: writes the header, leaving the position at the payload. */
    static void begin(ByteBuffer buffer) {
        buffer.clear().put(PLAIN);
    }

    /**
     * The stored form of payload bytes {@code [from, to)} of a chunk begun with {@link #begin}, without copying: the
     * header is written over the {@link #HEADER_BYTES} payload bytes just before {@code from} (so those must have
     * been stored already, as part of an earlier piece), or is the chunk's own header when {@code from} is 0.
     */
    static ByteBuffer piece(ByteBuffer chunk, int from, int to) {
        if (from > 0) {
            if (from < HEADER_BYTES) {
                throw new IllegalArgumentException("a piece must start at least a header's length into the chunk");
            }
            chunk.put(from, PLAIN);
        }
        return chunk.duplicate().limit(HEADER_BYTES + to).position(from);
    }

    /** Checks the header of a chunk read into {@code buffer} between 0 and its position. */
    static void check(ByteBuffer buffer) {
        if (buffer.position() < HEADER_BYTES || buffer.get(0) != PLAIN) {
            throw new StorageFailureException("unknown chunk format", null);
        }
    }

    private ChunkFormat() {
    }
}
