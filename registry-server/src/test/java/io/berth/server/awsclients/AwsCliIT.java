package io.berth.server.awsclients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.server.testing.RegistryClient;
import io.berth.server.testing.TestBerth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWS CLI v2 against Berth: login passwords, IAM users, keys and policies, STS, repository policies,
 * and AWS-shaped errors. The root's credentials come from the file Berth writes in its data directory.
 */
class AwsCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static TestBerth berth;
    static AwsCli aws;
    static Path credentials;

    @BeforeAll
    static void start() throws IOException {
        AwsCli.requireInstalled();
        berth = TestBerth.start(dir.resolve("data"));
        credentials = dir.resolve("aws-credentials");
        Files.copy(berth.dataDir().resolve("credentials"), credentials);
        aws = new AwsCli(berth.baseUrl(), credentials);
    }

    @AfterAll
    static void stop() {
        berth.close();
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /** Adds a profile with these keys to the credentials file the CLI reads. */
    private static void addProfile(String profile, JsonNode accessKey) throws IOException {
        Files.writeString(credentials, Files.readString(credentials) + "\n[" + profile + "]\naws_access_key_id = "
                + accessKey.get("AccessKeyId").asText() + "\naws_secret_access_key = "
                + accessKey.get("SecretAccessKey").asText() + "\n");
    }

    @Test
    void getLoginPasswordOpensTheRegistry() {
        String password = aws.ok("berth", "ecr", "get-login-password").strip();
        assertEquals(200, RegistryClient.withPassword(berth.baseUrl(), password).get("/v2/").statusCode());
        JsonNode identity;
        try {
            identity = json(aws.ok("berth", "sts", "get-caller-identity"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals("arn:aws:iam::123456789012:root", identity.get("Arn").asText());
    }

    @Test
    void usersKeysAndPoliciesDecideWhatALoginMayDo() throws IOException {
        JsonNode user = json(aws.ok("berth", "iam", "create-user", "--user-name", "ci-bot")).get("User");
        assertEquals("arn:aws:iam::123456789012:user/ci-bot", user.get("Arn").asText());
        addProfile("ci-bot", json(aws.ok("berth", "iam", "create-access-key", "--user-name", "ci-bot"))
                .get("AccessKey"));
        assertEquals("arn:aws:iam::123456789012:user/ci-bot",
                json(aws.ok("ci-bot", "sts", "get-caller-identity")).get("Arn").asText());

        AwsCli.Result denied = aws.run("ci-bot", Map.of(), "ecr", "get-login-password");
        assertEquals(254, denied.exit());
        assertTrue(denied.stderr().contains("An error occurred (AccessDeniedException) when calling the "
                + "GetAuthorizationToken operation: User: arn:aws:iam::123456789012:user/ci-bot is not authorized to"
                + " perform: ecr:GetAuthorizationToken"), denied.stderr());

        aws.ok("berth", "iam", "attach-user-policy", "--user-name", "ci-bot", "--policy-arn",
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly");
        aws.ok("berth", "iam", "put-user-policy", "--user-name", "ci-bot", "--policy-name", "push-team",
                "--policy-document", """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:InitiateLayerUpload",
                        "ecr:UploadLayerPart","ecr:CompleteLayerUpload","ecr:PutImage","ecr:BatchCheckLayerAvailability"],
                        "Resource":"arn:aws:ecr:us-east-1:123456789012:repository/team/*"}]}""");
        JsonNode attached = json(aws.ok("berth", "iam", "list-attached-user-policies", "--user-name", "ci-bot"));
        assertEquals("AmazonEC2ContainerRegistryReadOnly", attached.at("/AttachedPolicies/0/PolicyName").asText());

        RegistryClient bot = RegistryClient.withPassword(berth.baseUrl(), aws.ok("ci-bot", "ecr",
                "get-login-password").strip());
        bot.pushImage("team/service", "1", "team layer".getBytes());
        assertEquals(403, bot.post("/v2/other/service/blobs/uploads/", new byte[0]).statusCode());

        aws.ok("berth", "iam", "update-access-key", "--user-name", "ci-bot", "--access-key-id",
                json(aws.ok("berth", "iam", "list-access-keys", "--user-name", "ci-bot"))
                        .at("/AccessKeyMetadata/0/AccessKeyId").asText(), "--status", "Inactive");
        assertEquals(401, bot.get("/v2/").statusCode());
    }

    @Test
    void iamErrorsAreIamShaped() {
        AwsCli.Result missing = aws.run("berth", Map.of(), "iam", "get-user", "--user-name", "ghost");
        assertEquals(254, missing.exit());
        assertTrue(missing.stderr().contains("(NoSuchEntity)"), missing.stderr());
        aws.ok("berth", "iam", "create-user", "--user-name", "twice");
        AwsCli.Result again = aws.run("berth", Map.of(), "iam", "create-user", "--user-name", "twice");
        assertTrue(again.stderr().contains("(EntityAlreadyExists)"), again.stderr());
        AwsCli.Result malformed = aws.run("berth", Map.of(), "iam", "put-user-policy", "--user-name", "twice",
                "--policy-name", "p", "--policy-document", "{\"Statement\":\"nope\"}");
        assertTrue(malformed.stderr().contains("(MalformedPolicyDocument)"), malformed.stderr());
    }

    @Test
    void assumedRoleSessionsLogInWithTheirSessionCredentials() throws IOException {
        aws.ok("berth", "iam", "create-role", "--role-name", "puller", "--assume-role-policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"arn:aws:iam::123456789012:user/deployer\"},\"Action\":\"sts:AssumeRole\"}]}");
        aws.ok("berth", "iam", "attach-role-policy", "--role-name", "puller", "--policy-arn",
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly");
        aws.ok("berth", "iam", "create-user", "--user-name", "deployer");
        addProfile("deployer", json(aws.ok("berth", "iam", "create-access-key", "--user-name", "deployer"))
                .get("AccessKey"));
        JsonNode session = json(aws.ok("deployer", "sts", "assume-role", "--role-arn",
                "arn:aws:iam::123456789012:role/puller", "--role-session-name", "task-1"));
        JsonNode credentials = session.get("Credentials");
        Map<String, String> sessionEnv = Map.of("AWS_ACCESS_KEY_ID", credentials.get("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", credentials.get("SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", credentials.get("SessionToken").asText());
        AwsCli.Result whoami = aws.run(null, sessionEnv, "sts", "get-caller-identity");
        assertEquals("arn:aws:sts::123456789012:assumed-role/puller/task-1", json(whoami.stdout()).get("Arn")
                .asText(), whoami.stderr());
        AwsCli.Result password = aws.run(null, sessionEnv, "ecr", "get-login-password");
        assertEquals(0, password.exit(), password.stderr());
        RegistryClient task = RegistryClient.withPassword(berth.baseUrl(), password.stdout().strip());
        assertEquals(200, task.get("/v2/").statusCode());
        assertEquals(403, task.post("/v2/any/repo/blobs/uploads/", new byte[0]).statusCode());
        AwsCli.Result tampered = aws.run(null, Map.of("AWS_ACCESS_KEY_ID", credentials.get("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", credentials.get("SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", "not-the-token"), "sts", "get-caller-identity");
        assertEquals(254, tampered.exit());
        assertTrue(tampered.stderr().contains("InvalidClientTokenId"), tampered.stderr());
    }

    @Test
    void repositoryPoliciesThroughTheCli() throws IOException {
        berth.client().pushImage("cli/policy", "1", "p".getBytes());
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}]}";
        aws.ok("berth", "ecr", "set-repository-policy", "--repository-name", "cli/policy", "--policy-text", policy);
        JsonNode got = json(aws.ok("berth", "ecr", "get-repository-policy", "--repository-name", "cli/policy"));
        assertEquals(policy, got.get("policyText").asText());
        assertEquals(200, berth.anonymousClient().get("/v2/cli/policy/manifests/1").statusCode());
        AwsCli.Result missing = aws.run("berth", Map.of(), "ecr", "get-repository-policy", "--repository-name",
                "cli/none");
        assertTrue(missing.stderr().contains("(RepositoryNotFoundException)"), missing.stderr());
    }
}
