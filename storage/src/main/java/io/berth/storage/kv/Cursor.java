package io.berth.storage.kv;

/** A forward iterator over entries of one column; must be closed. */
public interface Cursor extends AutoCloseable {
    /** Moves to the next entry; false when there is none. The first call moves to the first entry. */
    boolean next();

    byte[] key();

    byte[] value();

    @Override
    void close();
}
