package io.berth.storage.blob;

import java.security.MessageDigest;

/** The running SHA-256 of an upload, valid for the first {@code offset} bytes. */
final class UploadHasher {
    private final MessageDigest digest;
    private long offset;

    UploadHasher(MessageDigest digest, long offset) {
        this.digest = digest;
        this.offset = offset;
    }

    void update(java.nio.ByteBuffer source) {
        offset += source.remaining();
        digest.update(source);
    }

    long offset() {
        return offset;
    }

    byte[] finish() {
        return digest.digest();
    }
}
