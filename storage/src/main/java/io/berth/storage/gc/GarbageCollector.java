package io.berth.storage.gc;

import io.berth.storage.StoreLocks;
import io.berth.storage.blob.BlobRecord;
import io.berth.storage.kv.Batch;
import io.berth.storage.kv.Column;
import io.berth.storage.kv.Cursor;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.KeyRange;
import io.berth.storage.kv.Keys;
import io.berth.storage.kv.RecordCodec;
import io.berth.storage.model.Digest;
import io.berth.storage.model.RepositoryName;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online garbage collection of blobs: a blob that no manifest in any repository references, and that nobody
 * committed, mounted or linked within the grace period, is deleted with its links and chunks. Deletion holds
 * the collection lock's write side, so it never races a push that is making the blob reachable; the server
 * keeps serving meanwhile. Deleted chunk ranges are then compacted so the disk space really returns.
 */
public final class GarbageCollector {
    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

    private final KeyValueStore kv;
    private final RecordCodec codec;
    private final StoreLocks locks;
    private final Clock clock;

    public GarbageCollector(KeyValueStore kv, RecordCodec codec, StoreLocks locks, Clock clock) {
        this.kv = kv;
        this.codec = codec;
        this.locks = locks;
        this.clock = clock;
    }

    /** What one collection did. */
    public record Report(int blobsScanned, int blobsDeleted, long bytesDeleted) {
    }

    public Report collect(Duration grace) {
        long cutoff = clock.millis() - grace.toMillis();
        int scanned = 0;
        List<Digest> candidates = new ArrayList<>();
        try (Cursor cursor = kv.scan(Column.BLOBS, new byte[0], new byte[] {(byte) 0xFF})) {
            while (cursor.next()) {
                scanned++;
                Digest digest = Digest.parse(new String(cursor.key(), StandardCharsets.UTF_8));
                if (isCollectable(digest, codec.decode(cursor.value(), BlobRecord.class), cutoff)) {
                    candidates.add(digest);
                }
            }
        }
        int deleted = 0;
        long bytes = 0;
        List<byte[]> contentIds = new ArrayList<>();
        for (Digest digest : candidates) {
            BlobRecord removed = deleteIfStillCollectable(digest, cutoff);
            if (removed != null) {
                deleted++;
                bytes += removed.size();
                contentIds.add(HexFormat.of().parseHex(removed.contentId()));
            }
        }
        if (deleted > 0) {
            compactChunks(contentIds);
            LOG.info("garbage collection deleted {} of {} blobs, {} bytes", deleted, scanned, bytes);
        }
        return new Report(scanned, deleted, bytes);
    }

    /**
     * Compacts the deleted chunk ranges only (not the whole column, which would rewrite live data on every
     * run): their entries drop out, and blob files left without live chunks are deleted.
     */
    private void compactChunks(List<byte[]> contentIds) {
        kv.compact(Column.BLOB_CHUNKS, contentIds.stream()
                .map(contentId -> new KeyRange(Keys.chunksStart(contentId), Keys.chunksEnd(contentId))).toList());
    }

    private boolean isCollectable(Digest digest, BlobRecord record, long cutoff) {
        if (record.touchedAt() >= cutoff) {
            return false;
        }
        byte[] prefix = Keys.refsTo(digest);
        try (Cursor refs = kv.scan(Column.REFS, prefix, Keys.prefixEnd(prefix))) {
            return !refs.next();
        }
    }

    /** Deletes the blob if it is still collectable under the write lock; returns its record, or null if kept. */
    private BlobRecord deleteIfStillCollectable(Digest digest, long cutoff) {
        locks.collection().writeLock().lock();
        try {
            byte[] value = kv.get(Column.BLOBS, Keys.blob(digest));
            if (value == null) {
                return null;
            }
            BlobRecord record = codec.decode(value, BlobRecord.class);
            if (!isCollectable(digest, record, cutoff)) {
                return null;
            }
            byte[] contentId = HexFormat.of().parseHex(record.contentId());
            Batch batch = kv.newBatch()
                    .delete(Column.BLOBS, Keys.blob(digest))
                    .deleteRange(Column.BLOB_CHUNKS, Keys.chunksStart(contentId), Keys.chunksEnd(contentId));
            byte[] prefix = Keys.reverseLinksOf(digest);
            try (Cursor links = kv.scan(Column.LINKS, prefix, Keys.prefixEnd(prefix))) {
                while (links.next()) {
                    String repository = Keys.lastPart(links.key());
                    batch.delete(Column.LINKS, links.key())
                            .delete(Column.LINKS, Keys.link(RepositoryName.of(repository), digest));
                }
            }
            kv.write(batch, true);
            return record;
        } finally {
            locks.collection().writeLock().unlock();
        }
    }
}
