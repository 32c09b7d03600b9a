package io.berth.storage.blob;

/** A slice of blob bytes read from the store, handed out without copying. */
public record Chunk(byte[] array, int offset, int length) {
}
