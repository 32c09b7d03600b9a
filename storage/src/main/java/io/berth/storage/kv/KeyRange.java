package io.berth.storage.kv;

/** The keys {@code from <= key < to} of one column. */
public record KeyRange(byte[] from, byte[] to) {
}
