package io.berth.storage.kv;

import io.berth.storage.model.Digest;
import io.berth.storage.model.RepositoryName;
import io.berth.storage.model.Tag;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key layout of every column, in one place. Names, tags and digests cannot contain a NUL byte, so NUL
 * separates the parts of a composite key and a prefix ending in NUL never matches a longer name
 * ({@code a/b} vs {@code a/bc}).
 *
 * <pre>
 * BLOB_CHUNKS   contentId(16 bytes) offset(8 bytes, big-endian)      → version byte + chunk bytes
 * BLOBS         digest                                                → BlobRecord
 * UPLOADS       uploadId                                              → UploadRecord
 * REPOSITORIES  name                                                  → RepositoryRecord
 * MANIFESTS     name NUL digest                                       → ManifestRecord (+ content)
 * TAGS          'T' name NUL tag                                      → TagRecord (digest)
 *               'D' name NUL digest NUL tag                           → empty (the tags of a manifest)
 * REFERRERS     name NUL subjectDigest NUL referrerDigest             → descriptor JSON
 * LINKS         'F' name NUL digest                                   → empty (the blobs of a repository)
 *               'R' digest NUL name                                   → empty (the repositories of a blob)
 * REFS          targetDigest NUL name NUL manifestDigest              → empty (who references a blob/manifest)
 * IAM           kind NUL id (kind: user, key, group, role, policy, secret) → the identity module's record
 * </pre>
 */
public final class Keys {
    private static final byte SEP = 0;
    private static final int CONTENT_ID_BYTES = 16;

    public static byte[] chunk(byte[] contentId, long offset) {
        return ByteBuffer.allocate(CONTENT_ID_BYTES + Long.BYTES).put(contentId).putLong(offset).array();
    }

    public static long chunkOffset(byte[] chunkKey) {
        return ByteBuffer.wrap(chunkKey, CONTENT_ID_BYTES, Long.BYTES).getLong();
    }

    public static byte[] chunksStart(byte[] contentId) {
        return chunk(contentId, 0);
    }

    /** Exclusive upper bound of the chunks of a content id (offsets are never negative, so below 0x80...). */
    public static byte[] chunksEnd(byte[] contentId) {
        byte[] end = new byte[CONTENT_ID_BYTES + Long.BYTES];
        System.arraycopy(contentId, 0, end, 0, CONTENT_ID_BYTES);
        Arrays.fill(end, CONTENT_ID_BYTES, end.length, (byte) 0xFF);
        return end;
    }

    public static int contentIdBytes() {
        return CONTENT_ID_BYTES;
    }

    public static byte[] blob(Digest digest) {
        return utf8(digest.toString());
    }

    public static byte[] upload(String uploadId) {
        return utf8(uploadId);
    }

    public static byte[] repository(RepositoryName name) {
        return utf8(name.value());
    }

    public static byte[] manifest(RepositoryName name, Digest digest) {
        return join(name.value(), digest.toString());
    }

    public static byte[] manifestsOf(RepositoryName name) {
        return join(name.value(), "");
    }

    public static byte[] tag(RepositoryName name, Tag tag) {
        return join("T" + name.value(), tag.value());
    }

    public static byte[] tagsOf(RepositoryName name) {
        return join("T" + name.value(), "");
    }

    public static byte[] tagOfDigest(RepositoryName name, Digest digest, Tag tag) {
        return join("D" + name.value(), digest.toString(), tag.value());
    }

    public static byte[] tagsOfDigest(RepositoryName name, Digest digest) {
        return join("D" + name.value(), digest.toString(), "");
    }

    public static byte[] referrer(RepositoryName name, Digest subject, Digest referrer) {
        return join(name.value(), subject.toString(), referrer.toString());
    }

    public static byte[] referrersOf(RepositoryName name, Digest subject) {
        return join(name.value(), subject.toString(), "");
    }

    public static byte[] link(RepositoryName name, Digest digest) {
        return join("F" + name.value(), digest.toString());
    }

    public static byte[] linksOf(RepositoryName name) {
        return join("F" + name.value(), "");
    }

    public static byte[] reverseLink(Digest digest, RepositoryName name) {
        return join("R" + digest, name.value());
    }

    public static byte[] reverseLinksOf(Digest digest) {
        return join("R" + digest, "");
    }

    public static byte[] ref(Digest target, RepositoryName name, Digest manifest) {
        return join(target.toString(), name.value(), manifest.toString());
    }

    public static byte[] refsTo(Digest target) {
        return join(target.toString(), "");
    }

    public static byte[] refsToIn(Digest target, RepositoryName name) {
        return join(target.toString(), name.value(), "");
    }

    /** An identity record: {@code kind} names the record type, {@code id} the entity. */
    public static byte[] iam(String kind, String id) {
        return join(kind, id);
    }

    public static byte[] iamKind(String kind) {
        return join(kind, "");
    }

    /** The exclusive end of the range of keys starting with {@code prefix}. */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        throw new IllegalArgumentException("prefix has no upper bound");
    }

    /** The last NUL-separated part of a key, as text. */
    public static String lastPart(byte[] key) {
        int i = key.length - 1;
        while (i >= 0 && key[i] != SEP) {
            i--;
        }
        return new String(key, i + 1, key.length - i - 1, StandardCharsets.UTF_8);
    }

    /** The NUL-separated part {@code index} of a key, as text. */
    public static String part(byte[] key, int index) {
        int start = 0;
        for (int part = 0; part < index; part++) {
            while (key[start] != SEP) {
                start++;
            }
            start++;
        }
        int end = start;
        while (end < key.length && key[end] != SEP) {
            end++;
        }
        return new String(key, start, end - start, StandardCharsets.UTF_8);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] join(String... parts) {
        return utf8(String.join("\0", parts));
    }

    private Keys() {
    }
}
