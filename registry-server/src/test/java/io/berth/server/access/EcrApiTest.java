package io.berth.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.auth.sigv4.AwsCredentials;
import io.berth.server.aws.AwsApiClient;
import io.berth.server.testing.TestBerth;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The ECR API on {@code POST /}: SigV4 failures, tokens, repository and registry policies, ECR's errors. */
class EcrApiTest {
    @TempDir
    static Path dataDir;
    static TestBerth berth;
    static AwsApiClient root;

    @BeforeAll
    static void start() {
        berth = TestBerth.start(dataDir);
        root = new AwsApiClient(URI.create(berth.baseUrl()), berth.rootCredentials(), "us-east-1");
    }

    @AfterAll
    static void stop() {
        berth.close();
    }

    private static String errorOf(Executable call) {
        return assertThrows(AwsApiClient.AwsCallException.class, call).getMessage();
    }

    @Test
    void getAuthorizationTokenAnswersAnEcrShapedToken() throws Exception {
        JsonNode data = root.ecr("GetAuthorizationToken", "{}").at("/authorizationData/0");
        String token = new String(Base64.getDecoder().decode(data.get("authorizationToken").asText()));
        assertTrue(token.startsWith("AWS:"));
        assertEquals(berth.baseUrl(), data.get("proxyEndpoint").asText());
        long expiresAt = data.get("expiresAt").asLong();
        long twelveHours = System.currentTimeMillis() / 1000 + 12 * 3600;
        assertTrue(Math.abs(expiresAt - twelveHours) < 120, "expiresAt " + expiresAt);
    }

    @Test
    void aWrongSecretIsAnInvalidSignatureAndAnUnknownKeyUnrecognized() {
        AwsCredentials wrongSecret = AwsCredentials.of(berth.rootCredentials().accessKeyId(), "x".repeat(40));
        assertTrue(errorOf(() -> new AwsApiClient(URI.create(berth.baseUrl()), wrongSecret, "us-east-1")
                .loginPassword()).contains("(InvalidSignatureException)"));
        AwsCredentials unknown = AwsCredentials.of("AKIAUNKNOWNUNKNOWN00", "y".repeat(40));
        assertTrue(errorOf(() -> new AwsApiClient(URI.create(berth.baseUrl()), unknown, "us-east-1")
                .loginPassword()).contains("(UnrecognizedClientException)"));
    }

    @Test
    void repositoryPolicyLifecycle() throws Exception {
        berth.client().pushImage("policy/repo", "1", "l".getBytes());
        assertTrue(errorOf(() -> root.ecr("GetRepositoryPolicy", "{\"repositoryName\":\"policy/repo\"}"))
                .contains("(RepositoryPolicyNotFoundException)"));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::123456789012:root\"},\"Action\":\"ecr:BatchGetImage\"}]}";
        String input = "{\"repositoryName\":\"policy/repo\",\"policyText\":" + quote(policy) + "}";
        assertEquals(policy, root.ecr("SetRepositoryPolicy", input).get("policyText").asText());
        JsonNode got = root.ecr("GetRepositoryPolicy", "{\"repositoryName\":\"policy/repo\"}");
        assertEquals(policy, got.get("policyText").asText());
        assertEquals("123456789012", got.get("registryId").asText());
        root.ecr("DeleteRepositoryPolicy", "{\"repositoryName\":\"policy/repo\"}");
        assertTrue(errorOf(() -> root.ecr("DeleteRepositoryPolicy", "{\"repositoryName\":\"policy/repo\"}"))
                .contains("(RepositoryPolicyNotFoundException)"));
    }

    @Test
    void malformedPoliciesAndUnknownRepositoriesAreEcrErrors() {
        berth.client().pushImage("policy/bad", "1", "b".getBytes());
        assertTrue(errorOf(() -> root.ecr("SetRepositoryPolicy",
                "{\"repositoryName\":\"policy/bad\",\"policyText\":\"{\\\"Statement\\\":[]}\"}"))
                .contains("(InvalidParameterException)"));
        assertTrue(errorOf(() -> root.ecr("SetRepositoryPolicy",
                "{\"repositoryName\":\"no/such\",\"policyText\":\"{}\"}")).contains("(RepositoryNotFoundException)"));
        assertTrue(errorOf(() -> root.ecr("NoSuchAction", "{}")).contains("(UnknownOperationException)"));
        assertTrue(errorOf(() -> root.ecr("GetRepositoryPolicy", "[1,2]")).contains("(SerializationException)"));
    }

    @Test
    void registryPolicyLifecycle() throws Exception {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::123456789012:root\"},\"Action\":\"ecr:ReplicateImage\",\"Resource\":\"*\"}]}";
        assertTrue(errorOf(() -> root.ecr("GetRegistryPolicy", "{}")).contains("(RegistryPolicyNotFoundException)"));
        root.ecr("PutRegistryPolicy", "{\"policyText\":" + quote(policy) + "}");
        assertEquals(policy, root.ecr("GetRegistryPolicy", "{}").get("policyText").asText());
        root.ecr("DeleteRegistryPolicy", "{}");
        assertTrue(errorOf(() -> root.ecr("GetRegistryPolicy", "{}")).contains("(RegistryPolicyNotFoundException)"));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
