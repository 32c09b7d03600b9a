package io.berth.server.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.auth.sigv4.AwsCredentials;
import io.berth.auth.sigv4.HeaderMap;
import io.berth.auth.sigv4.SigV4Signature;
import io.berth.auth.sigv4.SigV4Signer;
import io.berth.auth.sigv4.SignedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * A minimal SigV4-signing client of Berth's ECR API, for the {@code berth} command line: what the AWS CLI does
 * for {@code aws ecr get-login-password}, without needing the AWS CLI.
 */
public final class AwsApiClient {
    private static final String ECR_TARGET = "AmazonEC2ContainerRegistry_V20150921.";
    private static final String BERTH_TARGET = "BerthRegistry_20261122.";

    private final URI endpoint;
    private final AwsCredentials credentials;
    private final String region;
    private final SigV4Signer signer = new SigV4Signer(Clock.systemUTC());
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    public AwsApiClient(URI endpoint, AwsCredentials credentials, String region) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.region = region;
    }

    /** Calls an ECR action and returns its JSON output; an ECR error becomes an {@link AwsCallException}. */
    public JsonNode ecr(String action, String input) throws IOException, InterruptedException {
        return call(ECR_TARGET, action, input);
    }

    /** Calls one of Berth's own actions beside ECR's (such as CreatePullCredential). */
    public JsonNode berth(String action, String input) throws IOException, InterruptedException {
        return call(BERTH_TARGET, action, input);
    }

    private JsonNode call(String targetPrefix, String action, String input) throws IOException, InterruptedException {
        byte[] body = input.getBytes(StandardCharsets.UTF_8);
        String host = endpoint.getAuthority();
        HeaderMap headers = HeaderMap.of("host", host, "content-type", "application/x-amz-json-1.1",
                "x-amz-target", targetPrefix + action);
        SigV4Signature signature = signer.sign(SignedRequest.withBody("POST", "/", "", headers, body), credentials,
                region, "ecr");
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", targetPrefix + action)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signature.headers().forEach(request::header);
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode output = response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new AwsCallException(output.path("__type").asText("HTTP " + response.statusCode()),
                    output.path("message").asText(""), action);
        }
        return output;
    }

    /** The registry password of {@code GetAuthorizationToken} (the token without its {@code AWS:} prefix). */
    public String loginPassword() throws IOException, InterruptedException {
        String token = ecr("GetAuthorizationToken", "{}").at("/authorizationData/0/authorizationToken").asText();
        String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        if (!decoded.startsWith("AWS:")) {
            throw new IOException("unexpected authorization token format");
        }
        return decoded.substring(4);
    }

    /** An error answer of an AWS API call, printed like the AWS CLI prints it. */
    public static final class AwsCallException extends IOException {
        public AwsCallException(String type, String message, String action) {
            super("An error occurred (" + type + ") when calling the " + action + " operation: " + message);
        }
    }
}
