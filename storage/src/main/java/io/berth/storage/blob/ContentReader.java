package io.berth.storage.blob;

import io.berth.storage.error.StorageFailureException;
import io.berth.storage.kv.Column;
import io.berth.storage.kv.Cursor;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.Keys;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * Reads stored content (a blob, or an upload in progress) chunk by chunk into pooled buffers. Sequential reads
 * are point look-ups of the next chunk's key; only the first read at an arbitrary offset seeks. Not thread-safe:
 * one transfer uses it from one thread at a time.
 */
public final class ContentReader {
    private final KeyValueStore kv;
    private final ChunkBuffers buffers;
    private final byte[] contentId;
    private final long size;
    /** Where the chunk after the last one read starts, or -1 when unknown. */
    private long nextChunkStart = -1;

    ContentReader(KeyValueStore kv, ChunkBuffers buffers, byte[] contentId, long size) {
        this.kv = kv;
        this.buffers = buffers;
        this.contentId = contentId;
        this.size = size;
    }

    public long size() {
        return size;
    }

    /**
     * The bytes from {@code offset} to the end of the chunk holding it, as a buffer (position at the first byte,
     * limit after the last) that must go back through {@link #release}; null when {@code offset} is at the end.
     */
    public ByteBuffer read(long offset) {
        if (offset >= size) {
            return null;
        }
        long chunkStart = offset == nextChunkStart ? offset : floorChunkStart(offset);
        ByteBuffer buffer = buffers.acquire();
        int length = kv.get(Column.BLOB_CHUNKS, Keys.chunk(contentId, chunkStart), buffer);
        if (length < 0) {
            buffers.release(buffer);
            throw new StorageFailureException("blob content missing at offset " + chunkStart, null);
        }
        if (length > buffer.capacity()) {
            // stored with a larger chunk size than the current one
            buffers.release(buffer);
            buffer = ByteBuffer.allocateDirect(length);
            kv.get(Column.BLOB_CHUNKS, Keys.chunk(contentId, chunkStart), buffer);
        }
        ChunkFormat.check(buffer);
        int payload = buffer.position() - ChunkFormat.HEADER_BYTES;
        long skip = offset - chunkStart;
        if (skip >= payload) {
            buffers.release(buffer);
            throw new StorageFailureException("blob content has a gap at offset " + offset, null);
        }
        nextChunkStart = chunkStart + payload;
        long end = Math.min(nextChunkStart, size);
        buffer.limit((int) (ChunkFormat.HEADER_BYTES + (end - chunkStart)));
        buffer.position((int) (ChunkFormat.HEADER_BYTES + skip));
        return buffer;
    }

    public void release(ByteBuffer buffer) {
        buffers.release(buffer);
    }

    /** Feeds bytes {@code [0, length)} to {@code digest}. */
    public void hashInto(MessageDigest digest, long length) {
        long offset = 0;
        while (offset < length) {
            ByteBuffer chunk = read(offset);
            try {
                int take = (int) Math.min(chunk.remaining(), length - offset);
                chunk.limit(chunk.position() + take);
                digest.update(chunk);
                offset += take;
            } finally {
                release(chunk);
            }
        }
    }

    private long floorChunkStart(long offset) {
        byte[] floor = Keys.chunksStart(contentId);
        try (Cursor cursor = kv.scanFromFloor(Column.BLOB_CHUNKS, floor, Keys.chunk(contentId, offset),
                Keys.chunksEnd(contentId))) {
            if (!cursor.next()) {
                throw new StorageFailureException("blob content missing at offset " + offset, null);
            }
            long start = Keys.chunkOffset(cursor.key());
            if (start > offset) {
                throw new StorageFailureException("blob content has a gap at offset " + offset, null);
            }
            return start;
        }
    }
}
