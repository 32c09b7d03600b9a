package io.berth.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An OCI image layout on disk ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/...}), as skopeo's
 * {@code oci:DIR:TAG} transport reads and writes it. Written by hand so test images need no network and no
 * image builder; also reads layouts that clients wrote, to compare them with what went in.
 */
public final class OciLayout {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final String REF_NAME = "org.opencontainers.image.ref.name";

    private final Path dir;

    private OciLayout(Path dir) {
        this.dir = dir;
    }

    /** A new, empty layout in {@code dir} (created if missing). */
    public static OciLayout create(Path dir) {
        try {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
            return new OciLayout(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An existing layout, such as one a client copied an image into. */
    public static OciLayout open(Path dir) {
        if (!Files.isRegularFile(dir.resolve("index.json"))) {
            throw new IllegalArgumentException("no OCI layout at " + dir);
        }
        return new OciLayout(dir);
    }

    public Path dir() {
        return dir;
    }

    public Descriptor writeBlob(String mediaType, byte[] content) {
        String digest = sha256(content);
        try {
            Path path = blobPath(digest);
            if (!Files.exists(path)) {
                Files.write(path, content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Descriptor(mediaType, digest, content.length);
    }

    /** Writes a JSON document as compact UTF-8 bytes; those exact bytes are what digests are taken of. */
    public Descriptor writeJson(String mediaType, JsonNode document) {
        try {
            return writeBlob(mediaType, JSON.writeValueAsBytes(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Streams a blob that {@code writer} produces into the layout, hashing it on the way; memory stays flat. */
    public Descriptor writeBlob(String mediaType, BlobWriter writer) {
        try {
            Path temp = Files.createTempFile(dir.resolve("blobs/sha256"), "incoming", ".tmp");
            MessageDigest sha = sha256();
            long size;
            try (var counting = new CountingOutputStream(Files.newOutputStream(temp));
                 var out = new DigestOutputStream(new BufferedOutputStream(counting, 1 << 16), sha)) {
                writer.write(out);
                out.flush();
                size = counting.count;
            }
            String digest = "sha256:" + HexFormat.of().formatHex(sha.digest());
            Files.move(temp, blobPath(digest), StandardCopyOption.REPLACE_EXISTING);
            return new Descriptor(mediaType, digest, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names a manifest or index in {@code index.json}, so {@code oci:DIR:TAG} finds it. */
    public synchronized void tag(String tag, Descriptor descriptor) {
        ObjectNode index = index();
        ArrayNode manifests = (ArrayNode) index.get("manifests");
        ObjectNode entry = descriptor.json();
        entry.putObject("annotations").put(REF_NAME, tag);
        manifests.add(entry);
        try {
            Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The descriptor {@code index.json} gives for a tag. */
    public Descriptor resolve(String tag) {
        for (JsonNode entry : index().get("manifests")) {
            if (tag.equals(entry.path("annotations").path(REF_NAME).asText(null))) {
                return Descriptor.of(entry);
            }
        }
        throw new IllegalArgumentException("no tag " + tag + " in " + dir.resolve("index.json"));
    }

    public ObjectNode index() {
        try {
            return (ObjectNode) JSON.readTree(dir.resolve("index.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path blobPath(String digest) {
        if (!digest.startsWith("sha256:")) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return dir.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    public byte[] readBlob(String digest) {
        try {
            return Files.readAllBytes(blobPath(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] content) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(content));
    }

    /** The digest of a file's bytes, read in pieces. */
    public static String sha256(Path file) {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Produces a blob's bytes. */
    @FunctionalInterface
    public interface BlobWriter {
        void write(OutputStream out) throws IOException;
    }

    /** A content descriptor: media type, digest and size. */
    public record Descriptor(String mediaType, String digest, long size) {
        public static Descriptor of(JsonNode json) {
            return new Descriptor(json.path("mediaType").asText(null), json.get("digest").asText(),
                    json.get("size").asLong());
        }

        public ObjectNode json() {
            ObjectNode node = JSON.createObjectNode();
            node.put("mediaType", mediaType).put("digest", digest).put("size", size);
            return node;
        }
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
