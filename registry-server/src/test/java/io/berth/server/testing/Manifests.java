package io.berth.server.testing;

/** Manifest documents for tests. */
public final class Manifests {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    private Manifests() {
    }

    public static String image(String configDigest, long configSize, String layerDigest, long layerSize) {
        return """
                {"schemaVersion":2,"mediaType":"%s",\
                "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},\
                "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d}]}"""
                .formatted(OCI_MANIFEST, configDigest, configSize, layerDigest, layerSize);
    }

    public static String index(String... manifestDigestsAndSizes) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < manifestDigestsAndSizes.length; i += 2) {
            if (i > 0) {
                entries.append(',');
            }
            entries.append("{\"mediaType\":\"").append(OCI_MANIFEST).append("\",\"digest\":\"")
                    .append(manifestDigestsAndSizes[i]).append("\",\"size\":").append(manifestDigestsAndSizes[i + 1])
                    .append(",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}");
        }
        return "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[" + entries + "]}";
    }

    /** An artifact manifest with an empty config, one layer, an artifactType and a subject. */
    public static String artifact(String artifactType, String emptyConfigDigest, String layerDigest, long layerSize,
                                  String subjectDigest, long subjectSize) {
        return """
                {"schemaVersion":2,"mediaType":"%s","artifactType":"%s",\
                "config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"%s","size":2},\
                "layers":[{"mediaType":"application/octet-stream","digest":"%s","size":%d}],\
                "subject":{"mediaType":"%s","digest":"%s","size":%d},\
                "annotations":{"org.opencontainers.image.created":"2026-11-22T00:00:00Z"}}"""
                .formatted(OCI_MANIFEST, artifactType, emptyConfigDigest, layerDigest, layerSize, OCI_MANIFEST,
                        subjectDigest, subjectSize);
    }
}
