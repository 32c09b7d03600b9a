package io.berth.storage.manifest;

import static io.berth.storage.TestManifests.CONFIG;
import static io.berth.storage.TestManifests.DOCKER_CONFIG;
import static io.berth.storage.TestManifests.DOCKER_LAYER;
import static io.berth.storage.TestManifests.LAYER;
import static io.berth.storage.TestManifests.bytes;
import static io.berth.storage.TestManifests.descriptor;
import static io.berth.storage.TestManifests.image;
import static io.berth.storage.TestManifests.index;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.storage.error.ManifestInvalidException;
import io.berth.storage.model.Digest;
import io.berth.storage.model.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestParserTest {
    private static final Digest CONFIG_DIGEST = Digest.sha256(bytes("config"));
    private static final Digest LAYER_ONE = Digest.sha256(bytes("layer one"));
    private static final Digest LAYER_TWO = Digest.sha256(bytes("layer two"));
    private static final Digest CHILD_ONE = Digest.sha256(bytes("child one"));
    private static final Digest CHILD_TWO = Digest.sha256(bytes("child two"));
    private static final Digest SUBJECT = Digest.sha256(bytes("subject"));
    private static final String FOREIGN_LAYER = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    private static final String SBOM = "application/vnd.example.sbom.v1";

    private final ManifestParser parser = new ManifestParser();

    /** What a valid manifest parses to. */
    record Expected(String mediaType, List<Digest> blobs, List<Digest> children, String artifactType,
                    Digest subject) {
    }

    static Stream<Arguments> validManifests() {
        return Stream.of(
                valid("OCI image manifest", MediaTypes.OCI_MANIFEST, ociImage(m -> { }),
                        new Expected(MediaTypes.OCI_MANIFEST, List.of(CONFIG_DIGEST, LAYER_ONE, LAYER_TWO), List.of(),
                                CONFIG, null)),
                valid("trailing newline (as many clients send)", MediaTypes.OCI_MANIFEST,
                        concat(ociImage(m -> { }), text("\r\n")),
                        new Expected(MediaTypes.OCI_MANIFEST, List.of(CONFIG_DIGEST, LAYER_ONE, LAYER_TWO), List.of(),
                                CONFIG, null)),
                valid("Content-Type with parameters", MediaTypes.OCI_MANIFEST + "; charset=utf-8", ociImage(m -> { }),
                        new Expected(MediaTypes.OCI_MANIFEST, List.of(CONFIG_DIGEST, LAYER_ONE, LAYER_TWO), List.of(),
                                CONFIG, null)),
                valid("OCI index", MediaTypes.OCI_INDEX, bytes(index(
                                descriptor(MediaTypes.OCI_MANIFEST, CHILD_ONE, 10),
                                descriptor(MediaTypes.OCI_MANIFEST, CHILD_TWO, 20))),
                        new Expected(MediaTypes.OCI_INDEX, List.of(), List.of(CHILD_ONE, CHILD_TWO), null, null)),
                valid("Docker schema 2", MediaTypes.DOCKER_MANIFEST, dockerImage(),
                        new Expected(MediaTypes.DOCKER_MANIFEST, List.of(CONFIG_DIGEST, LAYER_ONE), List.of(),
                                DOCKER_CONFIG, null)),
                valid("Docker manifest list", MediaTypes.DOCKER_MANIFEST_LIST, dockerList(),
                        new Expected(MediaTypes.DOCKER_MANIFEST_LIST, List.of(), List.of(CHILD_ONE, CHILD_TWO), null,
                                null)),
                valid("artifact with artifactType and subject", MediaTypes.OCI_MANIFEST, ociImage(m -> {
                            m.put("config", descriptor(MediaTypes.OCI_EMPTY, CONFIG_DIGEST, 2));
                            m.put("artifactType", SBOM);
                            m.put("subject", descriptor(MediaTypes.OCI_MANIFEST, SUBJECT, 100));
                        }),
                        new Expected(MediaTypes.OCI_MANIFEST, List.of(CONFIG_DIGEST, LAYER_ONE, LAYER_TWO), List.of(),
                                SBOM, SUBJECT)),
                valid("index with subject and artifactType", MediaTypes.OCI_INDEX, bytes(with(index(
                                descriptor(MediaTypes.OCI_MANIFEST, CHILD_ONE, 10)), m -> {
                            m.put("artifactType", SBOM);
                            m.put("subject", descriptor(MediaTypes.OCI_MANIFEST, SUBJECT, 100));
                        })),
                        new Expected(MediaTypes.OCI_INDEX, List.of(), List.of(CHILD_ONE), SBOM, SUBJECT)),
                valid("no mediaType: taken from Content-Type", MediaTypes.OCI_MANIFEST,
                        ociImage(m -> m.remove("mediaType")),
                        new Expected(MediaTypes.OCI_MANIFEST, List.of(CONFIG_DIGEST, LAYER_ONE, LAYER_TWO), List.of(),
                                CONFIG, null)),
                valid("no mediaType, no Content-Type: an image by its config", null,
                        ociImage(m -> m.remove("mediaType")),
                        new Expected(MediaTypes.OCI_MANIFEST, List.of(CONFIG_DIGEST, LAYER_ONE, LAYER_TWO), List.of(),
                                CONFIG, null)),
                valid("no mediaType, generic Content-Type: an index by its manifests", "application/json",
                        bytes(with(index(descriptor(MediaTypes.OCI_MANIFEST, CHILD_ONE, 10)),
                                m -> m.remove("mediaType"))),
                        new Expected(MediaTypes.OCI_INDEX, List.of(), List.of(CHILD_ONE), null, null)),
                valid("non-distributable layer is not required as a blob", MediaTypes.OCI_MANIFEST,
                        bytes(image(descriptor(CONFIG, CONFIG_DIGEST, 5), descriptor(FOREIGN_LAYER, LAYER_ONE, 10),
                                descriptor(LAYER, LAYER_TWO, 10))),
                        new Expected(MediaTypes.OCI_MANIFEST, List.of(CONFIG_DIGEST, LAYER_TWO), List.of(), CONFIG,
                                null)),
                valid("Docker foreign layer is not required as a blob", MediaTypes.DOCKER_MANIFEST,
                        bytes(with(image(descriptor(DOCKER_CONFIG, CONFIG_DIGEST, 5),
                                        descriptor("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                                                LAYER_ONE, 10)),
                                m -> m.put("mediaType", MediaTypes.DOCKER_MANIFEST))),
                        new Expected(MediaTypes.DOCKER_MANIFEST, List.of(CONFIG_DIGEST), List.of(), DOCKER_CONFIG,
                                null)),
                valid("a layer listed twice is required once", MediaTypes.OCI_MANIFEST,
                        bytes(image(descriptor(CONFIG, CONFIG_DIGEST, 5), descriptor(LAYER, LAYER_ONE, 10),
                                descriptor(LAYER, LAYER_ONE, 10))),
                        new Expected(MediaTypes.OCI_MANIFEST, List.of(CONFIG_DIGEST, LAYER_ONE), List.of(), CONFIG,
                                null)),
                valid("empty layers (an artifact)", MediaTypes.OCI_MANIFEST,
                        bytes(image(descriptor("application/vnd.example.config", CONFIG_DIGEST, 5))),
                        new Expected(MediaTypes.OCI_MANIFEST, List.of(CONFIG_DIGEST), List.of(),
                                "application/vnd.example.config", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validManifests")
    void parsesValidManifests(String name, String contentType, byte[] body, Expected expected) {
        ParsedManifest parsed = parser.parse(contentType, body);
        assertEquals(expected, new Expected(parsed.mediaType(), parsed.blobs(), parsed.children(),
                parsed.artifactType(), parsed.subject() == null ? null : parsed.subject().digest()));
    }

    static Stream<Arguments> invalidManifests() {
        return Stream.of(
                invalid("Content-Type differs from mediaType", MediaTypes.OCI_INDEX, ociImage(m -> { })),
                invalid("Docker Content-Type, OCI body", MediaTypes.DOCKER_MANIFEST, ociImage(m -> { })),
                invalid("schemaVersion 1", "application/vnd.docker.distribution.manifest.v1+prettyjws",
                        text("{\"schemaVersion\":1,\"name\":\"a\",\"tag\":\"v1\",\"architecture\":\"amd64\","
                                + "\"fsLayers\":[{\"blobSum\":\"" + LAYER_ONE + "\"}],\"history\":[]}")),
                invalid("schemaVersion 1 in an OCI-looking body", MediaTypes.OCI_MANIFEST,
                        ociImage(m -> m.put("schemaVersion", 1))),
                invalid("schemaVersion as a string", MediaTypes.OCI_MANIFEST,
                        ociImage(m -> m.put("schemaVersion", "2"))),
                invalid("schemaVersion missing", MediaTypes.OCI_MANIFEST, ociImage(m -> m.remove("schemaVersion"))),
                invalid("not JSON", MediaTypes.OCI_MANIFEST, text("this is not a manifest")),
                invalid("truncated JSON", MediaTypes.OCI_MANIFEST, text("{\"schemaVersion\":2,")),
                invalid("empty body", MediaTypes.OCI_MANIFEST, new byte[0]),
                invalid("JSON array", MediaTypes.OCI_MANIFEST, text("[{\"schemaVersion\":2}]")),
                invalid("JSON string", MediaTypes.OCI_MANIFEST, text("\"manifest\"")),
                invalid("JSON null", MediaTypes.OCI_MANIFEST, text("null")),
                invalid("unknown mediaType", null, ociImage(m -> m.put("mediaType", "application/vnd.example+json"))),
                invalid("mediaType not a string", null, ociImage(m -> m.put("mediaType", 5))),
                invalid("neither config nor manifests", null, text("{\"schemaVersion\":2}")),
                invalid("bad digest in a layer", MediaTypes.OCI_MANIFEST,
                        ociImageWithLayer(m -> m.put("digest", "sha256:not-hex"))),
                invalid("uppercase digest in a layer", MediaTypes.OCI_MANIFEST,
                        ociImageWithLayer(m -> m.put("digest", LAYER_ONE.toString().toUpperCase()))),
                invalid("unknown digest algorithm in a layer", MediaTypes.OCI_MANIFEST,
                        ociImageWithLayer(m -> m.put("digest", "md5:" + "0".repeat(32)))),
                invalid("missing digest in a layer", MediaTypes.OCI_MANIFEST,
                        ociImageWithLayer(m -> m.remove("digest"))),
                invalid("negative size", MediaTypes.OCI_MANIFEST, ociImageWithLayer(m -> m.put("size", -1))),
                invalid("fractional size", MediaTypes.OCI_MANIFEST, ociImageWithLayer(m -> m.put("size", 1.5))),
                invalid("size as a string", MediaTypes.OCI_MANIFEST, ociImageWithLayer(m -> m.put("size", "10"))),
                invalid("layer without mediaType", MediaTypes.OCI_MANIFEST,
                        ociImageWithLayer(m -> m.remove("mediaType"))),
                invalid("layer that is not an object", MediaTypes.OCI_MANIFEST,
                        ociImage(m -> m.put("layers", List.of(LAYER_ONE.toString())))),
                invalid("layers not an array", MediaTypes.OCI_MANIFEST, ociImage(m -> m.put("layers", Map.of()))),
                invalid("no config", MediaTypes.OCI_MANIFEST, ociImage(m -> m.remove("config"))),
                invalid("bad subject digest", MediaTypes.OCI_MANIFEST, ociImage(m -> m.put("subject",
                        Map.of("mediaType", MediaTypes.OCI_MANIFEST, "digest", "sha256:00", "size", 1)))),
                invalid("image manifest with manifests", MediaTypes.OCI_MANIFEST,
                        ociImage(m -> m.put("manifests", List.of()))),
                invalid("index with layers", MediaTypes.OCI_INDEX,
                        bytes(with(index(), m -> m.put("layers", List.of())))),
                invalid("index without manifests", MediaTypes.OCI_INDEX, bytes(with(index(),
                        m -> m.remove("manifests")))),
                invalid("annotation that is not a string", MediaTypes.OCI_MANIFEST,
                        ociImage(m -> m.put("annotations", Map.of("count", 3)))),
                invalid("annotations not an object", MediaTypes.OCI_MANIFEST,
                        ociImage(m -> m.put("annotations", List.of("a")))),
                invalid("artifactType not a string", MediaTypes.OCI_MANIFEST,
                        ociImage(m -> m.put("artifactType", List.of()))),
                invalid("trailing data after the document", MediaTypes.OCI_MANIFEST,
                        concat(ociImage(m -> { }), text("{\"schemaVersion\":1}"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidManifests")
    void rejectsInvalidManifests(String name, String contentType, byte[] body) {
        assertThrows(ManifestInvalidException.class, () -> parser.parse(contentType, body));
    }

    /**
     * A hostile body nested 10,000 levels deep must be refused, not overflow a stack. The nesting sits in a field
     * the parser otherwise ignores, in an otherwise valid manifest, so only the depth limit can refuse it.
     */
    @Test
    void deepNestingIsInvalidNotAStackOverflow() {
        int depth = 10_000;
        String valid = new String(ociImage(m -> { }), StandardCharsets.UTF_8);
        String prefix = valid.substring(0, valid.length() - 1) + ",\"extra\":";
        String objects = prefix + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
        String arrays = prefix + "[".repeat(depth) + "]".repeat(depth) + "}";

        parser.parse(MediaTypes.OCI_MANIFEST, text(prefix + "{\"a\":[1]}}")); // shallow: accepted
        assertThrows(ManifestInvalidException.class, () -> parser.parse(MediaTypes.OCI_MANIFEST, text(objects)));
        assertThrows(ManifestInvalidException.class, () -> parser.parse(MediaTypes.OCI_MANIFEST, text(arrays)));
    }

    @Test
    void keepsAnnotationsAndTheConfigDescriptor() {
        ParsedManifest parsed = parser.parse(MediaTypes.OCI_MANIFEST,
                ociImage(m -> m.put("annotations", Map.of("org.opencontainers.image.created", "2026-01-01"))));
        assertEquals(Map.of("org.opencontainers.image.created", "2026-01-01"), parsed.annotations());
        assertEquals(CONFIG_DIGEST, parsed.config().digest());
        assertEquals(5, parsed.config().size());
        assertNull(parser.parse(MediaTypes.OCI_INDEX, bytes(index())).config());
    }

    // ---- building cases ----

    private static Arguments valid(String name, String contentType, byte[] body, Expected expected) {
        return Arguments.of(name, contentType, body, expected);
    }

    private static Arguments invalid(String name, String contentType, byte[] body) {
        return Arguments.of(name, contentType, body);
    }

    /** An OCI image manifest of a config and two layers, changed by {@code change}. */
    private static byte[] ociImage(Consumer<Map<String, Object>> change) {
        return bytes(with(image(descriptor(CONFIG, CONFIG_DIGEST, 5), descriptor(LAYER, LAYER_ONE, 10),
                descriptor(LAYER, LAYER_TWO, 20)), change));
    }

    /** An OCI image manifest whose one layer descriptor is changed by {@code change}. */
    private static byte[] ociImageWithLayer(Consumer<Map<String, Object>> change) {
        return bytes(image(descriptor(CONFIG, CONFIG_DIGEST, 5), with(descriptor(LAYER, LAYER_ONE, 10), change)));
    }

    private static byte[] dockerImage() {
        return bytes(with(image(descriptor(DOCKER_CONFIG, CONFIG_DIGEST, 5), descriptor(DOCKER_LAYER, LAYER_ONE, 10)),
                m -> m.put("mediaType", MediaTypes.DOCKER_MANIFEST)));
    }

    private static byte[] dockerList() {
        Map<String, Object> list = index(
                withPlatform(descriptor(MediaTypes.DOCKER_MANIFEST, CHILD_ONE, 10), "amd64"),
                withPlatform(descriptor(MediaTypes.DOCKER_MANIFEST, CHILD_TWO, 10), "arm64"));
        list.put("mediaType", MediaTypes.DOCKER_MANIFEST_LIST);
        return bytes(list);
    }

    private static Map<String, Object> withPlatform(Map<String, Object> descriptor, String architecture) {
        descriptor.put("platform", Map.of("architecture", architecture, "os", "linux"));
        return descriptor;
    }

    private static Map<String, Object> with(Map<String, Object> json, Consumer<Map<String, Object>> change) {
        change.accept(json);
        return json;
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
