package io.berth.storage.model;

import java.util.Map;

/** An OCI content descriptor, as found in manifests and returned by the referrers API. */
public record Descriptor(String mediaType, Digest digest, long size, String artifactType,
                         Map<String, String> annotations) {
    public Descriptor {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
