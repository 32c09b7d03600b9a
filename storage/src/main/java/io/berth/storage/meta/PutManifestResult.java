package io.berth.storage.meta;

import io.berth.storage.model.Digest;

/**
 * The outcome of a manifest push.
 *
 * @param digest  the manifest's digest
 * @param subject the digest of its subject (for the OCI-Subject header), or null
 */
public record PutManifestResult(Digest digest, Digest subject) {
}
