package io.berth.server.access;

import static io.berth.server.testing.RegistryClient.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.sigv4.AwsCredentials;
import io.berth.server.aws.AwsApiClient;
import io.berth.server.testing.RegistryClient;
import io.berth.server.testing.TestBerth;
import io.berth.storage.MutableClock;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication and authorization of the registry API with ECR-style login passwords. */
class RegistryAuthTest {
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly";
    @TempDir
    static Path dataDir;
    static MutableClock clock;
    static TestBerth berth;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.now());
        berth = TestBerth.start(dataDir, Map.of("auth.tokenTtl", "1h"), clock);
    }

    @AfterAll
    static void stop() {
        berth.close();
    }

    private static AwsCredentials newUser(String name, String... managedPolicies) {
        var identities = berth.server().security().identities();
        identities.directory().createUser(name, "/", Map.of());
        for (String arn : managedPolicies) {
            identities.directory().attachUserPolicy(name, arn);
        }
        AccessKey key = identities.keys().createForUser(name);
        return AwsCredentials.of(key.accessKeyId(), key.secret());
    }

    @Test
    void withoutCredentialsTheRegistryChallengesForBasicAuth() {
        HttpResponse<byte[]> response = berth.anonymousClient().get("/v2/");
        assertEquals(401, response.statusCode());
        assertEquals("UNAUTHORIZED", errorCode(response));
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic realm="));
        assertEquals(401, berth.anonymousClient().post("/v2/anon/blobs/uploads/", new byte[0]).statusCode());
    }

    @Test
    void aLoginPasswordOpensTheRegistry() {
        assertEquals(200, berth.client().get("/v2/").statusCode());
    }

    @Test
    void tamperedPasswordsAndOtherUserNamesAreRefused() {
        String password = berth.loginPassword();
        for (int position : new int[] {0, 7, password.length() / 2, password.length() - 1}) {
            char[] chars = password.toCharArray();
            chars[position] = chars[position] == 'A' ? 'B' : 'A';
            HttpResponse<byte[]> response = RegistryClient.withPassword(berth.baseUrl(), new String(chars)).get("/v2/");
            assertEquals(401, response.statusCode(), "flipped character " + position);
        }
        assertEquals(401, RegistryClient.withPassword(berth.baseUrl(), password.substring(0, 40)).get("/v2/")
                .statusCode());
        HttpResponse<byte[]> wrongUser = berth.anonymousClient().send(berth.anonymousClient().request("/v2/")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(("bob:" + password).getBytes())).GET().build());
        assertEquals(401, wrongUser.statusCode());
    }

    @Test
    void aUserWithoutPoliciesMayNotEvenLogIn() {
        AwsCredentials nobody = newUser("nobody");
        AwsApiClient.AwsCallException denied = assertThrows(AwsApiClient.AwsCallException.class,
                () -> new AwsApiClient(URI.create(berth.baseUrl()), nobody, "us-east-1").loginPassword());
        assertTrue(denied.getMessage().contains("(AccessDeniedException)"), denied.getMessage());
        assertTrue(denied.getMessage().contains("User: arn:aws:iam::123456789012:user/nobody is not authorized to "
                + "perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the "
                + "ecr:GetAuthorizationToken action"), denied.getMessage());
    }

    @Test
    void readOnlyUsersPullButCannotPush() {
        berth.client().pushImage("team/app", "1.0", "layer".getBytes());
        RegistryClient reader = RegistryClient.withPassword(berth.baseUrl(),
                berth.loginPassword(newUser("reader", READ_ONLY)));
        assertEquals(200, reader.get("/v2/team/app/manifests/1.0").statusCode());
        assertEquals(200, reader.get("/v2/team/app/tags/list").statusCode());
        HttpResponse<byte[]> push = reader.post("/v2/team/app/blobs/uploads/", new byte[0]);
        assertEquals(403, push.statusCode());
        assertEquals("DENIED", errorCode(push));
        assertTrue(new String(push.body()).contains("ecr:InitiateLayerUpload"), new String(push.body()));
        assertTrue(new String(push.body()).contains("arn:aws:ecr:us-east-1:123456789012:repository/team/app"));
    }

    @Test
    void disablingOrDeletingTheKeyRevokesItsPasswordsAtOnce() {
        AwsCredentials credentials = newUser("leaver", READ_ONLY);
        RegistryClient client = RegistryClient.withPassword(berth.baseUrl(), berth.loginPassword(credentials));
        assertEquals(200, client.get("/v2/").statusCode());
        var keys = berth.server().security().identities().keys();
        keys.setActive("leaver", credentials.accessKeyId(), false);
        assertEquals(401, client.get("/v2/").statusCode());
        keys.setActive("leaver", credentials.accessKeyId(), true);
        assertEquals(200, client.get("/v2/").statusCode());
        keys.deleteForUser("leaver", credentials.accessKeyId());
        assertEquals(401, client.get("/v2/").statusCode());
    }

    @Test
    void passwordsExpire() {
        RegistryClient client = berth.client();
        assertEquals(200, client.get("/v2/").statusCode());
        clock.advance(Duration.ofMinutes(61));
        try {
            assertEquals(401, client.get("/v2/").statusCode());
        } finally {
            clock.advance(Duration.ofMinutes(-61));
        }
    }

    @Test
    void pullCredentialsAreLongLivedPullOnlyAndLimitedToTheirRepositories() throws Exception {
        berth.client().pushImage("cluster/app", "1", "cluster layer".getBytes());
        berth.client().pushImage("private/secret", "1", "secret layer".getBytes());
        var output = new AwsApiClient(URI.create(berth.baseUrl()), berth.rootCredentials(), "us-east-1")
                .berth("CreatePullCredential", "{\"repositories\":[\"cluster/*\"],\"days\":90}");
        assertEquals("AWS", output.get("username").asText());
        long ninetyDays = clock.instant().plus(Duration.ofDays(90)).getEpochSecond();
        assertTrue(Math.abs(output.get("expiresAt").asLong() - ninetyDays) < 60);
        RegistryClient node = RegistryClient.withPassword(berth.baseUrl(), output.get("password").asText());
        assertEquals(200, node.get("/v2/cluster/app/manifests/1").statusCode());
        assertEquals(403, node.get("/v2/private/secret/manifests/1").statusCode());
        assertEquals(403, node.post("/v2/cluster/app/blobs/uploads/", new byte[0]).statusCode());
        clock.advance(Duration.ofDays(30));
        try {
            assertEquals(200, node.get("/v2/cluster/app/manifests/1").statusCode());
        } finally {
            clock.advance(Duration.ofDays(-30));
        }
    }

    @Test
    void simulationExplainsDecisionsWithTheirStatements() throws Exception {
        newUser("simulated", READ_ONLY);
        berth.server().security().identities().directory().putUserPolicy("simulated", "no-deletes", """
                {"Version":"2012-10-17","Statement":[{"Sid":"NoDeletes","Effect":"Deny",
                "Action":"ecr:BatchDeleteImage","Resource":"*"}]}""");
        AwsApiClient root = new AwsApiClient(URI.create(berth.baseUrl()), berth.rootCredentials(), "us-east-1");
        String user = "arn:aws:iam::123456789012:user/simulated";
        String repository = "arn:aws:ecr:us-east-1:123456789012:repository/team/app";
        var pull = root.berth("SimulatePolicy", "{\"principalArn\":\"" + user
                + "\",\"action\":\"ecr:BatchGetImage\",\"resource\":\"" + repository + "\"}");
        assertEquals("ALLOW", pull.get("decision").asText());
        assertEquals("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
                pull.at("/matchedStatements/0/policy").asText());
        var push = root.berth("SimulatePolicy", "{\"principalArn\":\"" + user
                + "\",\"action\":\"ecr:PutImage\",\"resource\":\"" + repository + "\"}");
        assertEquals("IMPLICIT_DENY", push.get("decision").asText());
        assertTrue(push.get("reason").asText().contains("no identity-based policy allows the ecr:PutImage action"));
        var out = new java.io.ByteArrayOutputStream();
        int exit = io.berth.server.cli.ClientCommands.runSimulate(java.util.List.of("--endpoint-url", berth.baseUrl(),
                "--data-dir", berth.dataDir().toString(), "--principal", user, "--action", "ecr:BatchDeleteImage",
                "--resource", repository), Map.of("HOME", dataDir.toString()), new java.io.PrintStream(out),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
        assertEquals(1, exit);
        var deleted = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toByteArray());
        assertEquals("EXPLICIT_DENY", deleted.get("decision").asText());
        assertEquals("NoDeletes", deleted.at("/matchedStatements/0/sid").asText());
    }

    @Test
    void theCommandLinePrintsALoginPassword() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int exit = io.berth.server.cli.ClientCommands.run(java.util.List.of("--endpoint-url", berth.baseUrl(),
                "--data-dir", berth.dataDir().toString()), Map.of("HOME", dataDir.toString()),
                new java.io.PrintStream(out), new java.io.PrintStream(err));
        assertEquals(0, exit, err.toString());
        String password = out.toString().strip();
        assertEquals(200, RegistryClient.withPassword(berth.baseUrl(), password).get("/v2/").statusCode());
    }

    @Test
    void aRepositoryPolicyForEveryoneOpensAnonymousPullsOnly() throws Exception {
        berth.client().pushImage("public/base", "latest", "public layer".getBytes());
        RegistryClient anonymous = berth.anonymousClient();
        assertEquals(401, anonymous.get("/v2/public/base/manifests/latest").statusCode());
        new AwsApiClient(URI.create(berth.baseUrl()), berth.rootCredentials(), "us-east-1").ecr("SetRepositoryPolicy",
                """
                {"repositoryName":"public/base","policyText":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Sid\\":\\"pull\\",\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":[\\"ecr:BatchGetImage\\",\\"ecr:GetDownloadUrlForLayer\\",\\"ecr:BatchCheckLayerAvailability\\"]}]}"}
                """);
        HttpResponse<byte[]> manifest = anonymous.get("/v2/public/base/manifests/latest");
        assertEquals(200, manifest.statusCode());
        String layer = RegistryClient.json(manifest).at("/layers/0/digest").asText();
        assertEquals(200, anonymous.get("/v2/public/base/blobs/" + layer).statusCode());
        assertEquals(401, anonymous.post("/v2/public/base/blobs/uploads/", new byte[0]).statusCode());
        assertEquals(401, anonymous.get("/v2/other/repo/tags/list").statusCode());
    }
}
