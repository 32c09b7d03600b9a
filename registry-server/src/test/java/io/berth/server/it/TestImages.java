package io.berth.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.server.it.OciLayout.Descriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Test images built offline into one OCI layout, each under its own tag: a linux/amd64 image holding the static
 * busybox (so {@code docker run} works), a linux/arm64 image, an OCI index over both, the same two as Docker v2
 * schema 2 images with a Docker manifest list over them, and an OCI artifact whose {@code subject} is the amd64
 * image. {@link #large} adds an image with one big random layer in a layout of its own. Skopeo's {@code oci:}
 * transport skips entries with Docker media types, so the Docker images travel as {@link DirLayout}s.
 */
public final class TestImages {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String ARTIFACT_TYPE = "application/vnd.berth.test.sbom+json";
    /** The file every image carries, naming its platform, so a pull can be checked by content. */
    public static final String RELEASE_FILE = "etc/berth-release";
    private static final String CREATED = "2020-01-01T00:00:00Z";
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    /** A manifest or index in the layout: its tag, descriptor and exact bytes, its blobs and its children. */
    public record Image(String tag, Descriptor manifest, byte[] manifestBytes, List<Descriptor> blobs,
                        List<Image> children) {
        public String digest() {
            return manifest.digest();
        }

        public Descriptor config() {
            return blobs.getFirst();
        }
    }

    public final OciLayout layout;
    public final Image amd64;
    public final Image arm64;
    public final Image index;
    public final Image dockerAmd64;
    public final Image dockerArm64;
    public final Image dockerList;
    public final Image artifact;

    private TestImages(OciLayout layout) {
        this.layout = layout;
        byte[] busyboxLayer = busyboxLayerTar();
        byte[] arm64Layer = releaseOnlyLayerTar("linux/arm64");
        amd64 = image("amd64", OCI_MANIFEST, OCI_CONFIG, OCI_LAYER_GZIP, "amd64", null, busyboxLayer);
        arm64 = image("arm64", OCI_MANIFEST, OCI_CONFIG, OCI_LAYER_GZIP, "arm64", "v8", arm64Layer);
        index = index("index", OCI_INDEX, amd64, arm64);
        dockerAmd64 = image("v2s2", DOCKER_MANIFEST, DOCKER_CONFIG, DOCKER_LAYER, "amd64", null, busyboxLayer);
        dockerArm64 = image("v2s2-arm64", DOCKER_MANIFEST, DOCKER_CONFIG, DOCKER_LAYER, "arm64", "v8", arm64Layer);
        dockerList = index("manifest-list", DOCKER_LIST, dockerAmd64, dockerArm64);
        artifact = artifact("artifact", amd64);
    }

    /** Builds every small test image into a new layout in {@code dir}. */
    public static TestImages build(Path dir) {
        Exec.requireProgram(BUSYBOX.toString(), "busybox-static");
        return new TestImages(OciLayout.create(dir));
    }

    /**
     * Adds a linux/amd64 image under {@code tag} whose only layer is an uncompressed tar holding one file of
     * {@code bytes} random bytes; written as a stream, so the test JVM's memory is not what is being tested.
     */
    public static Image large(OciLayout layout, String tag, long bytes, long seed) {
        Descriptor layer = layout.writeBlob(OCI_LAYER, out -> {
            try (Tar tar = new Tar(out)) {
                tar.file("random.bin", 0644, bytes, new RandomStream(seed, bytes));
            }
        });
        // Uncompressed, so the layer's digest is also its diff id.
        Descriptor config = layout.writeJson(OCI_CONFIG, config("amd64", null, layer.digest()));
        return manifest(layout, tag, OCI_MANIFEST, config, List.of(layer));
    }

    private Image image(String tag, String manifestType, String configType, String layerType, String arch,
                        String variant, byte[] layerTar) {
        Descriptor layer = layout.writeBlob(layerType, gzip(layerTar));
        Descriptor config = layout.writeJson(configType, config(arch, variant, OciLayout.sha256(layerTar)));
        return manifest(layout, tag, manifestType, config, List.of(layer));
    }

    private static Image manifest(OciLayout layout, String tag, String manifestType, Descriptor config,
                                  List<Descriptor> layers) {
        ObjectNode manifest = OciLayout.JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", manifestType);
        manifest.set("config", config.json());
        ArrayNode layerArray = manifest.putArray("layers");
        layers.forEach(layer -> layerArray.add(layer.json()));
        return tagged(layout, tag, manifestType, manifest, config, layers);
    }

    private Image index(String tag, String indexType, Image... children) {
        ObjectNode index = OciLayout.JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", indexType);
        ArrayNode manifests = index.putArray("manifests");
        for (Image child : children) {
            ObjectNode entry = child.manifest().json();
            ObjectNode config = (ObjectNode) readJson(layout.readBlob(child.config().digest()));
            ObjectNode platform = entry.putObject("platform")
                    .put("architecture", config.get("architecture").asText()).put("os", "linux");
            if (config.has("variant")) {
                platform.put("variant", config.get("variant").asText());
            }
            manifests.add(entry);
        }
        Descriptor descriptor = layout.writeJson(indexType, index);
        layout.tag(tag, descriptor);
        return new Image(tag, descriptor, layout.readBlob(descriptor.digest()), List.of(), List.of(children));
    }

    /** An OCI artifact: empty config, one JSON layer, {@code artifactType}, and {@code subject} = the image. */
    private Image artifact(String tag, Image subject) {
        Descriptor empty = layout.writeBlob(OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8));
        Descriptor sbom = layout.writeBlob(ARTIFACT_TYPE,
                ("{\"subject\":\"" + subject.digest() + "\",\"packages\":[\"busybox\"]}").getBytes(StandardCharsets.UTF_8));
        ObjectNode manifest = OciLayout.JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", OCI_MANIFEST).put("artifactType", ARTIFACT_TYPE);
        manifest.set("config", empty.json());
        manifest.putArray("layers").add(sbom.json());
        manifest.set("subject", subject.manifest().json());
        manifest.putObject("annotations").put("org.opencontainers.image.created", CREATED);
        return tagged(layout, tag, OCI_MANIFEST, manifest, empty, List.of(sbom));
    }

    private static Image tagged(OciLayout layout, String tag, String mediaType, ObjectNode manifest,
                                Descriptor config, List<Descriptor> layers) {
        Descriptor descriptor = layout.writeJson(mediaType, manifest);
        layout.tag(tag, descriptor);
        List<Descriptor> blobs = new ArrayList<>();
        blobs.add(config);
        blobs.addAll(layers);
        return new Image(tag, descriptor, layout.readBlob(descriptor.digest()), List.copyOf(blobs), List.of());
    }

    private static ObjectNode config(String arch, String variant, String diffId) {
        ObjectNode config = OciLayout.JSON.createObjectNode()
                .put("created", CREATED).put("architecture", arch).put("os", "linux");
        if (variant != null) {
            config.put("variant", variant);
        }
        ObjectNode runtime = config.putObject("config");
        runtime.putArray("Env").add("PATH=/bin");
        runtime.putArray("Cmd").add("/bin/sh");
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId);
        config.putArray("history").addObject().put("created", CREATED).put("created_by", "berth integration test");
        return config;
    }

    /** The static busybox with a few applet links, and the release file. */
    private static byte[] busyboxLayerTar() {
        try {
            byte[] busybox = Files.readAllBytes(BUSYBOX);
            if (new String(busybox, StandardCharsets.ISO_8859_1).contains("/lib64/ld-linux")) {
                throw new IllegalStateException(BUSYBOX + " is dynamically linked; install busybox-static");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (Tar tar = new Tar(bytes)) {
                tar.directory("bin");
                tar.file("bin/busybox", 0755, busybox);
                for (String applet : List.of("sh", "echo", "cat", "ls")) {
                    tar.symlink("bin/" + applet, "busybox");
                }
                tar.directory("etc");
                tar.file(RELEASE_FILE, 0644, "linux/amd64\n".getBytes(StandardCharsets.UTF_8));
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] releaseOnlyLayerTar(String platform) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (Tar tar = new Tar(bytes)) {
                tar.directory("etc");
                tar.file(RELEASE_FILE, 0644, (platform + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static JsonNode readJson(byte[] content) {
        try {
            return OciLayout.JSON.readTree(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code size} pseudo-random bytes from a seed, generated as they are read. */
    private static final class RandomStream extends InputStream {
        private final SplittableRandom random;
        private long remaining;

        RandomStream(long seed, long size) {
            this.random = new SplittableRandom(seed);
            this.remaining = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, n);
            remaining -= n;
            return n;
        }
    }
}
