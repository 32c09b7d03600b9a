package io.berth.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.storage.model.Digest;
import io.berth.storage.model.MediaTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Manifest documents for tests, built as mutable JSON maps so that a test can add, change or remove a field
 * before serialising with {@link #bytes}.
 */
public final class TestManifests {
    public static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static Map<String, Object> descriptor(String mediaType, Digest digest, long size) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", digest.toString());
        descriptor.put("size", size);
        return descriptor;
    }

    /** An OCI image manifest with a config and layers. */
    @SafeVarargs
    public static Map<String, Object> image(Map<String, Object> config, Map<String, Object>... layers) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.put("config", config);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map<String, Object> layer : layers) {
            list.add(layer);
        }
        manifest.put("layers", list);
        return manifest;
    }

    /** An OCI image index of child manifests. */
    @SafeVarargs
    public static Map<String, Object> index(Map<String, Object>... manifests) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map<String, Object> manifest : manifests) {
            list.add(manifest);
        }
        index.put("manifests", list);
        return index;
    }

    public static byte[] bytes(Object json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The manifest's own mediaType field, as a client sends it in Content-Type; null when absent. */
    public static String mediaTypeOf(byte[] manifest) {
        try {
            var field = MAPPER.readTree(manifest).get("mediaType");
            return field == null ? null : field.asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestManifests() {
    }
}
