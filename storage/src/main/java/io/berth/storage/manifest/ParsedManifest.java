package io.berth.storage.manifest;

import io.berth.storage.model.Descriptor;
import io.berth.storage.model.Digest;
import java.util.List;
import java.util.Map;

/**
 * What Berth needs to know of a manifest: its media type, the blobs and child manifests it references, and the
 * fields the referrers API reports.
 *
 * @param mediaType    the manifest's media type (from its body or its Content-Type)
 * @param blobs        digests of the config and layers that must be present in the repository
 * @param children     digests of the manifests an index references
 * @param subject      the manifest it refers to, or null
 * @param artifactType the artifact type for the referrers API (artifactType, else the config's media type), or null
 * @param annotations  the manifest's annotations
 * @param config       the config descriptor of an image manifest, or null
 */
public record ParsedManifest(String mediaType, List<Digest> blobs, List<Digest> children, Descriptor subject,
                             String artifactType, Map<String, String> annotations, Descriptor config) {
    public ParsedManifest {
        blobs = List.copyOf(blobs);
        children = List.copyOf(children);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
