package io.berth.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Plain HTTP calls to Berth's distribution API (java.net.http), for checking what clients left behind: exact
 * manifest bytes and headers, blob presence, the referrers API. Requests carry {@code Authorization: Basic
 * base64(AWS:password)} as ECR wants, or nothing for an anonymous client. Every failure message carries the
 * response (never the request's credentials).
 */
public final class RegistryHttp {
    /** Every manifest media type a registry may hold, as pulling clients send it. */
    public static final String ACCEPT_ALL_MANIFESTS = String.join(", ", TestImages.OCI_MANIFEST,
            TestImages.OCI_INDEX, TestImages.DOCKER_MANIFEST, TestImages.DOCKER_LIST);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String authorization;

    /** @param password a login password for the user AWS, or null to send no credentials */
    public RegistryHttp(String baseUrl, String password) {
        this.baseUrl = baseUrl;
        this.authorization = password == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (BerthFixture.USER + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A response with its body, and a one-line summary for assertion messages. */
    public record Response(int status, HttpHeaders headers, byte[] body) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return TestImages.readJson(body);
        }

        public String describe() {
            return "HTTP " + status + " " + headers.map() + "\n" + (body.length > 4096 ? body.length + " bytes" : text());
        }
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public Response head(String path, String... headers) {
        return send(request(path, headers).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    public Response put(String path, String contentType, byte[] body) {
        return send(request(path, "Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** GET of a manifest accepting every media type; fails unless 200. */
    public Response manifest(String repository, String reference) {
        Response response = get("/v2/" + repository + "/manifests/" + reference, "Accept", ACCEPT_ALL_MANIFESTS);
        assertEquals(200, response.status(), () -> "GET manifest " + repository + ":" + reference + "\n"
                + response.describe());
        return response;
    }

    public Response referrers(String repository, String digest, String artifactType) {
        String query = artifactType == null ? "" : "?artifactType="
                + URLEncoder.encode(artifactType, StandardCharsets.UTF_8);
        return get("/v2/" + repository + "/referrers/" + digest + query);
    }

    /** Whether {@code HEAD /v2/<repository>/blobs/<digest>} answers 200 (404 gives false; anything else fails). */
    public boolean blobExists(String repository, String digest) {
        Response response = head("/v2/" + repository + "/blobs/" + digest);
        if (response.status() != 200 && response.status() != 404) {
            throw new AssertionError("HEAD blob " + repository + "@" + digest + "\n" + response.describe());
        }
        return response.status() == 200;
    }

    /**
     * Streams a blob (never holding it in memory) and returns the digest of what arrived, after checking the
     * status and that exactly {@code Content-Length} bytes came.
     */
    public String streamedDigest(String repository, String digest) {
        HttpRequest request = request("/v2/" + repository + "/blobs/" + digest).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long received = 0;
            try (InputStream in = response.body()) {
                assertEquals(200, response.statusCode(), () -> "GET " + request.uri());
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    sha.update(buffer, 0, n);
                    received += n;
                }
            }
            assertEquals(response.headers().firstValueAsLong("Content-Length").orElse(-1), received,
                    () -> "bytes received for GET " + request.uri());
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
