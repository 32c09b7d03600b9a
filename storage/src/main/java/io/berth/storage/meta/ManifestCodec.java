package io.berth.storage.meta;

import io.berth.storage.error.StorageFailureException;
import io.berth.storage.kv.RecordCodec;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The stored form of a manifest: its {@link ManifestRecord} encoded by {@link RecordCodec} (which starts with a
 * format byte), preceded by its length, followed by the manifest bytes exactly as pushed.
 */
final class ManifestCodec {
    private final RecordCodec codec;

    ManifestCodec(RecordCodec codec) {
        this.codec = codec;
    }

    byte[] encode(ManifestRecord record, byte[] content) {
        byte[] meta = codec.encode(record);
        return ByteBuffer.allocate(Integer.BYTES + meta.length + content.length)
                .putInt(meta.length).put(meta).put(content).array();
    }

    ManifestRecord record(byte[] stored) {
        int length = metaLength(stored);
        return codec.decode(Arrays.copyOfRange(stored, Integer.BYTES, Integer.BYTES + length), ManifestRecord.class);
    }

    byte[] content(byte[] stored) {
        return Arrays.copyOfRange(stored, Integer.BYTES + metaLength(stored), stored.length);
    }

    private static int metaLength(byte[] stored) {
        if (stored.length < Integer.BYTES) {
            throw new StorageFailureException("corrupt manifest record", null);
        }
        int length = ByteBuffer.wrap(stored).getInt();
        if (length < 0 || Integer.BYTES + length > stored.length) {
            throw new StorageFailureException("corrupt manifest record", null);
        }
        return length;
    }
}
