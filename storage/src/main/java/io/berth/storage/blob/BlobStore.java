package io.berth.storage.blob;

import io.berth.storage.error.BlobUnknownException;
import io.berth.storage.error.StorageFailureException;
import io.berth.storage.kv.Column;
import io.berth.storage.kv.Cursor;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.Keys;
import io.berth.storage.kv.RecordCodec;
import io.berth.storage.model.Digest;
import io.berth.storage.model.RepositoryName;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Blobs by digest, stored once whatever the number of repositories that hold them, and the links that say which
 * repositories hold which blobs. Reads are stateless chunk look-ups, so a download keeps no iterator open.
 */
public final class BlobStore {
    private final KeyValueStore kv;
    private final RecordCodec codec;

    public BlobStore(KeyValueStore kv, RecordCodec codec) {
        this.kv = kv;
        this.codec = codec;
    }

    /** The blob if it is stored, whatever repository holds it. */
    public Optional<BlobRecord> record(Digest digest) {
        byte[] value = kv.get(Column.BLOBS, Keys.blob(digest));
        return value == null ? Optional.empty() : Optional.of(codec.decode(value, BlobRecord.class));
    }

    public boolean isLinked(RepositoryName name, Digest digest) {
        return kv.get(Column.LINKS, Keys.link(name, digest)) != null;
    }

    /** The blob as seen from a repository: present only if stored and linked to it. */
    public Optional<BlobInfo> stat(RepositoryName name, Digest digest) {
        if (!isLinked(name, digest)) {
            return Optional.empty();
        }
        return record(digest).map(r -> new BlobInfo(digest, r.size()));
    }

    public BlobInfo require(RepositoryName name, Digest digest) {
        return stat(name, digest).orElseThrow(() -> new BlobUnknownException("blob unknown to registry", digest.toString()));
    }

    /**
     * Removes the blob from a repository (its bytes stay while other repositories or manifests need them;
     * garbage collection reclaims them after that).
     */
    public void unlink(RepositoryName name, Digest digest) {
        require(name, digest);
        kv.write(kv.newBatch().delete(Column.LINKS, Keys.link(name, digest))
                .delete(Column.LINKS, Keys.reverseLink(digest, name)), true);
    }

    /**
     * The bytes of the blob from {@code offset} to the end of the chunk holding that offset, or null when
     * {@code offset} is at or past the end. Call repeatedly with the next offset to stream the whole range.
     */
    public Chunk readAt(Digest digest, long offset) {
        BlobRecord blob = record(digest).orElseThrow(() -> new BlobUnknownException("blob unknown to registry",
                digest.toString()));
        return readContent(HexFormat.of().parseHex(blob.contentId()), blob.size(), offset);
    }

    /** Like {@link #readAt} on raw content (also used for uploads in progress). */
    Chunk readContent(byte[] contentId, long size, long offset) {
        if (offset >= size) {
            return null;
        }
        byte[] floor = Keys.chunksStart(contentId);
        try (Cursor cursor = kv.scanFromFloor(Column.BLOB_CHUNKS, floor, Keys.chunk(contentId, offset),
                Keys.chunksEnd(contentId))) {
            if (!cursor.next()) {
                throw new StorageFailureException("blob content missing at offset " + offset, null);
            }
            long chunkStart = Keys.chunkOffset(cursor.key());
            if (chunkStart > offset) {
                throw new StorageFailureException("blob content has a gap at offset " + offset, null);
            }
            Chunk chunk = ChunkFormat.payload(cursor.value(), offset - chunkStart);
            if (chunk.length() <= 0) {
                throw new StorageFailureException("blob content has a gap at offset " + offset, null);
            }
            return chunk;
        }
    }
}
