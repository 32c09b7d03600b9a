package io.berth.storage.meta;

import io.berth.storage.model.Digest;

/** A manifest as read from the store: its digest, media type and exact bytes. */
public record StoredManifest(Digest digest, String mediaType, byte[] content, ManifestRecord record) {
}
