package io.berth.storage.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.storage.error.DigestInvalidException;
import io.berth.storage.error.ManifestInvalidException;
import io.berth.storage.model.Descriptor;
import io.berth.storage.model.Digest;
import io.berth.storage.model.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a manifest body against its declared media type and extracts its references. Accepts OCI image
 * manifests and indexes (including artifacts) and Docker schema 2 manifests and manifest lists; anything else,
 * and any inconsistency, is {@link ManifestInvalidException}.
 */
public final class ManifestParser {
    /** Manifests are small JSON documents; deeper nesting than this is hostile, not a manifest. */
    private static final int MAX_NESTING_DEPTH = 64;

    /** Trailing data after the document fails too: clients (Go's encoding/json) refuse such a body. */
    private final ObjectMapper mapper = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * @param contentType the request's Content-Type, possibly with parameters, or null
     * @param body        the manifest bytes
     */
    public ParsedManifest parse(String contentType, byte[] body) {
        JsonNode root = readJson(body);
        String declared = baseType(contentType);
        String inBody = textOrNull(root, "mediaType");
        if (inBody != null && declared != null && !declared.equals(inBody) && MediaTypes.MANIFESTS.contains(declared)) {
            throw invalid("the mediaType in the manifest (" + inBody + ") differs from its Content-Type (" + declared + ")");
        }
        String mediaType = inBody != null ? inBody : declared;
        if (mediaType == null || !MediaTypes.MANIFESTS.contains(mediaType)) {
            mediaType = inferOciType(root, mediaType);
        }
        JsonNode schemaVersion = root.get("schemaVersion");
        if (schemaVersion == null || !schemaVersion.isInt() || schemaVersion.intValue() != 2) {
            throw invalid("schemaVersion must be 2");
        }
        Descriptor subject = root.has("subject") ? descriptor(root.get("subject"), "subject") : null;
        String artifactType = textOrNull(root, "artifactType");
        Map<String, String> annotations = annotations(root.get("annotations"));
        if (MediaTypes.INDEXES.contains(mediaType)) {
            return parseIndex(root, mediaType, subject, artifactType, annotations);
        }
        return parseImage(root, mediaType, subject, artifactType, annotations);
    }

    private ParsedManifest parseImage(JsonNode root, String mediaType, Descriptor subject, String artifactType,
                                      Map<String, String> annotations) {
        if (root.has("manifests")) {
            throw invalid("an image manifest has no 'manifests' field");
        }
        Descriptor config = descriptor(root.get("config"), "config");
        JsonNode layers = root.get("layers");
        if (layers == null || !layers.isArray()) {
            throw invalid("'layers' must be an array");
        }
        List<Digest> blobs = new ArrayList<>();
        blobs.add(config.digest());
        for (JsonNode layer : layers) {
            Descriptor descriptor = descriptor(layer, "layer");
            if (!MediaTypes.isNonDistributable(descriptor.mediaType())) {
                blobs.add(descriptor.digest());
            }
        }
        String effectiveArtifactType = artifactType != null ? artifactType : config.mediaType();
        return new ParsedManifest(mediaType, blobs.stream().distinct().toList(), List.of(), subject,
                effectiveArtifactType, annotations, config);
    }

    private ParsedManifest parseIndex(JsonNode root, String mediaType, Descriptor subject, String artifactType,
                                      Map<String, String> annotations) {
        if (root.has("layers") || root.has("config")) {
            throw invalid("an index has no 'layers' or 'config' field");
        }
        JsonNode manifests = root.get("manifests");
        if (manifests == null || !manifests.isArray()) {
            throw invalid("'manifests' must be an array");
        }
        List<Digest> children = new ArrayList<>();
        for (JsonNode child : manifests) {
            children.add(descriptor(child, "manifests entry").digest());
        }
        return new ParsedManifest(mediaType, List.of(), children.stream().distinct().toList(), subject, artifactType,
                annotations, null);
    }

    /** OCI manifests may omit mediaType; tell an index from an image manifest by its fields. */
    private String inferOciType(JsonNode root, String declared) {
        if (declared != null && !declared.startsWith("application/vnd.oci.") && !declared.equals("application/json")) {
            throw invalid("unsupported manifest media type " + declared);
        }
        if (root.has("manifests")) {
            return MediaTypes.OCI_INDEX;
        }
        if (root.has("config")) {
            return MediaTypes.OCI_MANIFEST;
        }
        throw invalid("unsupported manifest: no known media type");
    }

    private JsonNode readJson(byte[] body) {
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw invalid("a manifest must be a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw invalid("manifest is not valid JSON");
        }
    }

    private Descriptor descriptor(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw invalid(what + " must be a descriptor object");
        }
        String mediaType = textOrNull(node, "mediaType");
        if (mediaType == null || mediaType.isEmpty()) {
            throw invalid(what + " has no mediaType");
        }
        JsonNode size = node.get("size");
        if (size == null || !size.isIntegralNumber() || size.longValue() < 0) {
            throw invalid(what + " has no valid size");
        }
        Digest digest;
        try {
            digest = Digest.parse(textOrNull(node, "digest"));
        } catch (DigestInvalidException e) {
            throw invalid(what + " has an invalid digest");
        }
        return new Descriptor(mediaType, digest, size.longValue(), textOrNull(node, "artifactType"),
                annotations(node.get("annotations")));
    }

    private Map<String, String> annotations(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw invalid("annotations must be an object of strings");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw invalid("annotation values must be strings");
            }
            result.put(entry.getKey(), entry.getValue().textValue());
        }
        return result;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("'" + field + "' must be a string");
        }
        return value.textValue();
    }

    /** The media type without parameters ({@code ; charset=...}), or null. */
    static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase();
    }

    private static ManifestInvalidException invalid(String message) {
        return new ManifestInvalidException(message);
    }
}
