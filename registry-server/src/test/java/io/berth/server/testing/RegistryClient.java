package io.berth.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/** A plain HTTP client for distribution API tests: raw requests plus helpers for the usual push steps. */
public final class RegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // as image clients speak to a plain-HTTP registry
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    /** A client that sends no credentials. */
    public RegistryClient(String base) {
        this(base, null);
    }

    private RegistryClient(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** A client that logs in with Basic {@code AWS:password}, as docker does after {@code docker login}. */
    public static RegistryClient withPassword(String base, String password) {
        return new RegistryClient(base, "Basic " + java.util.Base64.getEncoder()
                .encodeToString(("AWS:" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request and returns its body as a stream, for bodies too large to hold. */
    public HttpResponse<java.io.InputStream> sendStreaming(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder builder = request(path).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    public HttpResponse<byte[]> head(String path, String... headers) {
        HttpRequest.Builder builder = request(path).method("HEAD", HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    public HttpResponse<byte[]> delete(String path) {
        return send(request(path).DELETE().build());
    }

    public HttpResponse<byte[]> post(String path, byte[] body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public HttpResponse<byte[]> put(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public HttpResponse<byte[]> patch(String path, byte[] body, String... headers) {
        HttpRequest.Builder builder = request(path).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/octet-stream");
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    /** Starts an upload and returns its Location (a path). */
    public String startUpload(String repository) {
        HttpResponse<byte[]> response = post("/v2/" + repository + "/blobs/uploads/", new byte[0]);
        if (response.statusCode() != 202) {
            throw new AssertionError("upload start answered " + response.statusCode() + ": " + text(response));
        }
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** Starts an upload and returns its Location, or null when the registry refuses to start one. */
    public String startUploadOrNull(String repository) {
        HttpResponse<byte[]> response = post("/v2/" + repository + "/blobs/uploads/", new byte[0]);
        return response.statusCode() == 202 ? response.headers().firstValue("Location").orElseThrow() : null;
    }

    /** Pushes a blob monolithically (POST then PUT) and returns its digest. */
    public String pushBlob(String repository, byte[] content) {
        String digest = sha256(content);
        String location = startUpload(repository);
        HttpResponse<byte[]> response = put(withQuery(location, "digest=" + digest), "application/octet-stream", content);
        if (response.statusCode() != 201) {
            throw new AssertionError("blob push answered " + response.statusCode() + ": " + text(response));
        }
        return digest;
    }

    /** Pushes a manifest and returns the response. */
    public HttpResponse<byte[]> putManifest(String repository, String reference, String mediaType, String json) {
        return put("/v2/" + repository + "/manifests/" + reference, mediaType, json.getBytes());
    }

    /** Pushes a one-layer OCI image (config and layer blobs, then its manifest) and returns the manifest JSON. */
    public String pushImage(String repository, String tag, byte[] layer) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},"
                + "\"created\":\"" + tag + "\"}").getBytes();
        String configDigest = pushBlob(repository, config);
        String layerDigest = pushBlob(repository, layer);
        String manifest = Manifests.image(configDigest, config.length, layerDigest, layer.length);
        HttpResponse<byte[]> response = putManifest(repository, tag, Manifests.OCI_MANIFEST, manifest);
        if (response.statusCode() != 201) {
            throw new AssertionError("manifest push answered " + response.statusCode() + ": " + text(response));
        }
        return manifest;
    }

    public static String withQuery(String location, String query) {
        return location + (location.contains("?") ? "&" : "?") + query;
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body());
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text(response), e);
        }
    }

    /** The OCI error code of an error response. */
    public static String errorCode(HttpResponse<byte[]> response) {
        return json(response).path("errors").path(0).path("code").asText();
    }

    public static String sha256(byte[] content) {
        return "sha256:" + hex("SHA-256", content);
    }

    public static String sha512(byte[] content) {
        return "sha512:" + hex("SHA-512", content);
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
