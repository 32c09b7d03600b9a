package io.berth.storage.blob;

import io.berth.storage.error.BlobUnknownException;
import io.berth.storage.kv.Column;
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
    private final ChunkBuffers buffers;

    public BlobStore(KeyValueStore kv, RecordCodec codec, ChunkBuffers buffers) {
        this.kv = kv;
        this.codec = codec;
        this.buffers = buffers;
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

    /** Calls {@code action} for every stored blob, in digest order. */
    public void forEach(java.util.function.BiConsumer<Digest, BlobRecord> action) {
        try (io.berth.storage.kv.Cursor cursor = kv.scan(Column.BLOBS, new byte[0], new byte[] {(byte) 0xFF})) {
            while (cursor.next()) {
                action.accept(Digest.parse(new String(cursor.key(), java.nio.charset.StandardCharsets.UTF_8)),
                        codec.decode(cursor.value(), BlobRecord.class));
            }
        }
    }

    /** A reader of the blob's bytes, for one transfer. */
    public ContentReader open(Digest digest) {
        BlobRecord blob = record(digest).orElseThrow(() -> new BlobUnknownException("blob unknown to registry",
                digest.toString()));
        return openContent(HexFormat.of().parseHex(blob.contentId()), blob.size());
    }

    /** A reader of raw content (also of an upload in progress). */
    ContentReader openContent(byte[] contentId, long size) {
        return new ContentReader(kv, buffers, contentId, size);
    }

    public ChunkBuffers buffers() {
        return buffers;
    }
}
