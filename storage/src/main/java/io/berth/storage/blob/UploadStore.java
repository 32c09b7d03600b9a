package io.berth.storage.blob;

import io.berth.storage.StoreLocks;
import io.berth.storage.error.BlobUploadInvalidException;
import io.berth.storage.error.BlobUploadUnknownException;
import io.berth.storage.error.DigestInvalidException;
import io.berth.storage.error.RangeInvalidException;
import io.berth.storage.kv.Batch;
import io.berth.storage.kv.Column;
import io.berth.storage.kv.Cursor;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.Keys;
import io.berth.storage.kv.RecordCodec;
import io.berth.storage.meta.RepositoryStore;
import io.berth.storage.model.Digest;
import io.berth.storage.model.DigestAlgorithm;
import io.berth.storage.model.RepositoryName;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Upload sessions: start, append (through an {@link UploadSink}), commit under a verified digest, cancel, and
 * purge when abandoned. Sessions are persisted, so an upload survives a restart; the running hash is kept in
 * memory and rebuilt from the stored bytes when it is missing.
 */
public final class UploadStore implements AutoCloseable {
    /**
     * Chunks of one upload ingested into the store at a time (and at the end of every request): 64 MiB with
     * 1 MiB chunks. Full segments are ingested in the background while the request goes on, so the request's end
     * waits for the fsync of at most one segment; a crash mid-request loses at most a few segments, which the
     * client re-sends from the offset the upload reports; sixteen table files per gigabyte stay few.
     */
    static final int SEGMENT_CHUNKS = 64;
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final KeyValueStore kv;
    private final RecordCodec codec;
    private final BlobStore blobs;
    private final RepositoryStore repositories;
    private final StoreLocks locks;
    private final Clock clock;
    private final int chunkBytes;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, UploadHasher> hashers = new ConcurrentHashMap<>();
    private final Set<String> writing = ConcurrentHashMap.newKeySet();
    private final SegmentIngester ingester = new SegmentIngester();
    private final UploadHashing hashing = new UploadHashing();
    private final ChunkedUploadSink.Owner sinkOwner = new ChunkedUploadSink.Owner() {
        @Override
        public void hashInvalid(String uploadId) {
            hashers.remove(uploadId);
        }

        @Override
        public void released(String uploadId) {
            writing.remove(uploadId);
        }
    };

    public UploadStore(KeyValueStore kv, RecordCodec codec, BlobStore blobs, RepositoryStore repositories,
                       StoreLocks locks, Clock clock, int chunkBytes) {
        this.kv = kv;
        this.codec = codec;
        this.blobs = blobs;
        this.repositories = repositories;
        this.locks = locks;
        this.clock = clock;
        this.chunkBytes = chunkBytes;
    }

    public UploadRecord start(RepositoryName repository) {
        byte[] contentId = new byte[Keys.contentIdBytes()];
        random.nextBytes(contentId);
        long now = clock.millis();
        UploadRecord upload = new UploadRecord(UUID.randomUUID().toString(), repository.value(),
                HexFormat.of().formatHex(contentId), 0, now, now);
        Batch batch = kv.newBatch().put(Column.UPLOADS, Keys.upload(upload.id()), codec.encode(upload));
        repositories.addIfAbsent(batch, repository, now);
        kv.write(batch, false);
        hashers.put(upload.id(), new UploadHasher(DigestAlgorithm.SHA256.newMessageDigest(), 0));
        return upload;
    }

    /** The upload, which must belong to {@code repository}. */
    public UploadRecord get(RepositoryName repository, String uploadId) {
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
            throw new BlobUploadUnknownException("blob upload unknown to registry", uploadId);
        }
        byte[] value = kv.get(Column.UPLOADS, Keys.upload(uploadId));
        if (value == null) {
            throw new BlobUploadUnknownException("blob upload unknown to registry", uploadId);
        }
        UploadRecord upload = codec.decode(value, UploadRecord.class);
        if (!upload.repository().equals(repository.value())) {
            throw new BlobUploadUnknownException("blob upload unknown to registry", uploadId);
        }
        return upload;
    }

    /**
     * Opens the upload for appending.
     *
     * @param expectedStart the offset the client says its bytes start at, or -1 when it did not say
     * @throws RangeInvalidException when {@code expectedStart} is not the upload's current offset
     */
    public UploadSink openSink(RepositoryName repository, String uploadId, long expectedStart) {
        UploadRecord upload = get(repository, uploadId);
        if (expectedStart >= 0 && expectedStart != upload.offset()) {
            throw new RangeInvalidException("chunk out of order: the upload is at offset " + upload.offset(),
                    "0-" + (upload.offset() - 1));
        }
        if (!writing.add(uploadId)) {
            throw new BlobUploadInvalidException("another request is writing to this upload", uploadId);
        }
        try {
            UploadHasher hasher = hasherAt(upload);
            dropBytesPast(upload);
            return new ChunkedUploadSink(kv, codec, clock, blobs.buffers(), ingester, hashing,
                    (long) SEGMENT_CHUNKS * chunkBytes, sinkOwner, upload, hasher);
        } catch (RuntimeException e) {
            writing.remove(uploadId);
            throw e;
        }
    }

    /**
     * Verifies the upload's bytes against {@code expected} and makes them the blob of that digest, linked to the
     * repository. On a mismatch the upload and its bytes are removed.
     */
    public BlobInfo commit(RepositoryName repository, String uploadId, Digest expected) {
        UploadRecord upload = get(repository, uploadId);
        if (!writing.add(uploadId)) {
            throw new BlobUploadInvalidException("the upload is still being written", uploadId);
        }
        try {
            Digest actual = digestOf(upload, expected.algorithm());
            if (!actual.equals(expected)) {
                remove(upload);
                throw new DigestInvalidException("provided digest did not match uploaded content",
                        expected.toString());
            }
            return store(repository, upload, expected);
        } finally {
            writing.remove(uploadId);
        }
    }

    /** Makes the upload's verified bytes the blob of {@code expected}; the caller holds the upload. */
    private BlobInfo store(RepositoryName repository, UploadRecord upload, Digest expected) {
        String uploadId = upload.id();
        byte[] contentId = HexFormat.of().parseHex(upload.contentId());
        locks.collection().readLock().lock();
        locks.blob(expected).lock(); // the record check and write below must not interleave with another commit
        try {
            long now = clock.millis();
            Batch batch = kv.newBatch();
            BlobRecord stored = blobs.record(expected)
                    .map(existing -> {
                        batch.deleteRange(Column.BLOB_CHUNKS, Keys.chunksStart(contentId), Keys.chunksEnd(contentId));
                        return existing.touched(now);
                    })
                    .orElseGet(() -> new BlobRecord(upload.contentId(), upload.offset(), now, now));
            batch.put(Column.BLOBS, Keys.blob(expected), codec.encode(stored))
                    .delete(Column.UPLOADS, Keys.upload(uploadId));
            linkInto(batch, repository, expected);
            kv.write(batch, true);
            return new BlobInfo(expected, stored.size());
        } finally {
            locks.blob(expected).unlock();
            locks.collection().readLock().unlock();
            hashers.remove(uploadId);
        }
    }

    /** Adds the links that make a stored blob visible in a repository. */
    public void linkInto(Batch batch, RepositoryName repository, Digest digest) {
        repositories.addIfAbsent(batch, repository, clock.millis());
        batch.put(Column.LINKS, Keys.link(repository, digest), new byte[0])
                .put(Column.LINKS, Keys.reverseLink(digest, repository), new byte[0]);
    }

    /**
     * Makes a blob held by {@code from} visible in {@code target} without copying it.
     *
     * @return the blob, or empty when {@code from} does not hold it (the caller then starts a normal upload)
     */
    public Optional<BlobInfo> mount(RepositoryName target, RepositoryName from, Digest digest) {
        locks.collection().readLock().lock();
        try {
            Optional<BlobInfo> source = blobs.stat(from, digest);
            if (source.isEmpty()) {
                return Optional.empty();
            }
            BlobRecord record = blobs.record(digest).orElseThrow();
            Batch batch = kv.newBatch().put(Column.BLOBS, Keys.blob(digest), codec.encode(record.touched(clock.millis())));
            linkInto(batch, target, digest);
            kv.write(batch, true);
            return source;
        } finally {
            locks.collection().readLock().unlock();
        }
    }

    /**
     * Removes the upload and its bytes.
     *
     * @throws BlobUploadInvalidException while a request is writing to it: that request (and its background
     *                                    ingests) would otherwise store bytes and an offset after the removal
     */
    public void cancel(RepositoryName repository, String uploadId) {
        UploadRecord upload = get(repository, uploadId);
        if (!writing.add(uploadId)) {
            throw new BlobUploadInvalidException("the upload is being written", uploadId);
        }
        try {
            remove(upload);
        } finally {
            writing.remove(uploadId);
        }
    }

    /** Removes uploads not written to since {@code cutoff}; returns how many. */
    public int purgeIdleSince(Instant cutoff) {
        List<UploadRecord> stale = new ArrayList<>();
        byte[] from = new byte[0];
        try (Cursor cursor = kv.scan(Column.UPLOADS, from, new byte[] {(byte) 0xFF})) {
            while (cursor.next()) {
                UploadRecord upload = codec.decode(cursor.value(), UploadRecord.class);
                if (upload.updatedAt() < cutoff.toEpochMilli() && !writing.contains(upload.id())) {
                    stale.add(upload);
                }
            }
        }
        stale.forEach(this::remove);
        return stale.size();
    }

    private void remove(UploadRecord upload) {
        byte[] contentId = HexFormat.of().parseHex(upload.contentId());
        kv.write(kv.newBatch()
                .delete(Column.UPLOADS, Keys.upload(upload.id()))
                .deleteRange(Column.BLOB_CHUNKS, Keys.chunksStart(contentId), Keys.chunksEnd(contentId)), false);
        hashers.remove(upload.id());
    }

    /**
     * Removes chunks stored past the upload's recorded offset: a crash between ingesting a segment and recording
     * the offset leaves them, and the client re-sends those bytes (possibly different ones) from the offset.
     */
    private void dropBytesPast(UploadRecord upload) {
        byte[] contentId = HexFormat.of().parseHex(upload.contentId());
        byte[] from = Keys.chunk(contentId, upload.offset());
        byte[] to = Keys.chunksEnd(contentId);
        try (Cursor cursor = kv.scan(Column.BLOB_CHUNKS, from, to)) {
            if (!cursor.next()) {
                return;
            }
        }
        kv.write(kv.newBatch().deleteRange(Column.BLOB_CHUNKS, from, to), true);
    }

    /** Stops the background ingests and the hashing threads (requests have ended by then). */
    @Override
    public void close() {
        ingester.close();
        hashing.close();
    }

    private Digest digestOf(UploadRecord upload, DigestAlgorithm algorithm) {
        if (algorithm == DigestAlgorithm.SHA256) {
            UploadHasher hasher = hasherAt(upload);
            hashers.remove(upload.id());
            return Digest.fromBytes(algorithm, hasher.finish());
        }
        return Digest.fromBytes(algorithm, hashStored(upload, algorithm.newMessageDigest()).finish());
    }

    /** The running hash for the upload's current offset, rebuilt from the stored bytes if needed. */
    private UploadHasher hasherAt(UploadRecord upload) {
        UploadHasher hasher = hashers.get(upload.id());
        if (hasher == null || hasher.offset() != upload.offset()) {
            hasher = hashStored(upload, DigestAlgorithm.SHA256.newMessageDigest());
            hashers.put(upload.id(), hasher);
        }
        return hasher;
    }

    private UploadHasher hashStored(UploadRecord upload, MessageDigest digest) {
        ContentReader reader = blobs.openContent(HexFormat.of().parseHex(upload.contentId()), upload.offset());
        reader.hashInto(digest, upload.offset());
        return new UploadHasher(digest, upload.offset());
    }
}
