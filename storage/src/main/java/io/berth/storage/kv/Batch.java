package io.berth.storage.kv;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A list of writes applied atomically by {@link KeyValueStore#write}. */
public final class Batch {
    /** One write of a batch. */
    public sealed interface Op permits Put, PutBuffer, Delete, DeleteRange {
        Column column();
    }

    public record Put(Column column, byte[] key, byte[] value) implements Op {
    }

    /**
     * A put whose value is the remaining bytes of a buffer (often direct and reused): the store copies them
     * during {@link KeyValueStore#write}, so the buffer may be reused once the write returns.
     */
    public record PutBuffer(Column column, byte[] key, ByteBuffer value) implements Op {
    }

    public record Delete(Column column, byte[] key) implements Op {
    }

    /** Deletes every key in {@code [from, to)}. */
    public record DeleteRange(Column column, byte[] from, byte[] to) implements Op {
    }

    private final List<Op> ops = new ArrayList<>();

    public Batch put(Column column, byte[] key, byte[] value) {
        ops.add(new Put(column, key, value));
        return this;
    }

    public Batch put(Column column, byte[] key, ByteBuffer value) {
        ops.add(new PutBuffer(column, key, value));
        return this;
    }

    public Batch delete(Column column, byte[] key) {
        ops.add(new Delete(column, key));
        return this;
    }

    public Batch deleteRange(Column column, byte[] from, byte[] to) {
        ops.add(new DeleteRange(column, from, to));
        return this;
    }

    public List<Op> ops() {
        return List.copyOf(ops);
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }
}
