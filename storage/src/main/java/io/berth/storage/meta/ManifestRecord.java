package io.berth.storage.meta;

import java.util.List;

/**
 * The metadata stored beside a manifest's bytes.
 *
 * @param mediaType    the manifest's media type
 * @param size         the content length
 * @param pushedAt     epoch millis of its first push
 * @param references   digests of the blobs and child manifests it references (each has a REFS entry)
 * @param children     the subset of {@code references} that are child manifests
 * @param subject      digest of its subject, or null
 * @param artifactType its artifact type for the referrers API, or null
 */
public record ManifestRecord(String mediaType, long size, long pushedAt, List<String> references,
                             List<String> children, String subject, String artifactType) {
}
