package io.berth.storage.blob;

import io.berth.storage.model.Digest;

/** What a client may learn of a stored blob. */
public record BlobInfo(Digest digest, long size) {
}
