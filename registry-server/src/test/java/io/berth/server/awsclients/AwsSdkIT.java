package io.berth.server.awsclients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.testing.RegistryClient;
import io.berth.server.testing.TestBerth;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** The AWS SDK for Java v2 against Berth's ECR, IAM and STS APIs, with an endpoint override. */
class AwsSdkIT {
    @TempDir
    static Path dataDir;
    static TestBerth berth;
    static StaticCredentialsProvider root;

    @BeforeAll
    static void start() {
        berth = TestBerth.start(dataDir);
        root = StaticCredentialsProvider.create(AwsBasicCredentials.create(berth.rootCredentials().accessKeyId(),
                berth.rootCredentials().secret().value()));
    }

    @AfterAll
    static void stop() {
        berth.close();
    }

    private static EcrClient ecr(StaticCredentialsProvider credentials) {
        return EcrClient.builder().endpointOverride(URI.create(berth.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static IamClient iam() {
        return IamClient.builder().endpointOverride(URI.create(berth.baseUrl())).region(Region.AWS_GLOBAL)
                .credentialsProvider(root).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static StsClient sts(StaticCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(URI.create(berth.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void authorizationTokenLogsIntoTheRegistry() {
        try (EcrClient ecr = ecr(root)) {
            AuthorizationData data = ecr.getAuthorizationToken().authorizationData().get(0);
            String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
            assertTrue(decoded.startsWith("AWS:"));
            assertEquals(berth.baseUrl(), data.proxyEndpoint());
            assertTrue(data.expiresAt().isAfter(java.time.Instant.now().plusSeconds(11 * 3600)));
            assertEquals(200, RegistryClient.withPassword(berth.baseUrl(), decoded.substring(4)).get("/v2/")
                    .statusCode());
        }
    }

    @Test
    void ecrErrorsBecomeTheSdksExceptionTypes() {
        try (EcrClient ecr = ecr(root)) {
            RepositoryNotFoundException missing = assertThrows(RepositoryNotFoundException.class,
                    () -> ecr.getRepositoryPolicy(request -> request.repositoryName("sdk/none")));
            assertEquals("RepositoryNotFoundException", missing.awsErrorDetails().errorCode());
        }
        StaticCredentialsProvider wrong = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                berth.rootCredentials().accessKeyId(), "wrongwrongwrongwrongwrongwrongwrongwrong"));
        try (EcrClient ecr = ecr(wrong)) {
            EcrException denied = assertThrows(EcrException.class, ecr::getAuthorizationToken);
            assertEquals("InvalidSignatureException", denied.awsErrorDetails().errorCode());
        }
    }

    @Test
    void iamUsersAndStsRolesThroughTheSdk() {
        try (IamClient iam = iam()) {
            iam.createUser(request -> request.userName("sdk-user"));
            assertEquals("arn:aws:iam::123456789012:user/sdk-user",
                    iam.getUser(request -> request.userName("sdk-user")).user().arn());
            assertThrows(NoSuchEntityException.class, () -> iam.getUser(request -> request.userName("nobody")));
            iam.createRole(request -> request.roleName("sdk-role").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                            + "\"arn:aws:iam::123456789012:user/sdk-user\"},\"Action\":\"sts:AssumeRole\"}]}"));
            iam.attachRolePolicy(request -> request.roleName("sdk-role")
                    .policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"));
            AccessKey key = iam.createAccessKey(request -> request.userName("sdk-user")).accessKey();
            StaticCredentialsProvider user = StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
            Credentials session;
            try (StsClient sts = sts(user)) {
                assertEquals("arn:aws:iam::123456789012:user/sdk-user", sts.getCallerIdentity().arn());
                session = sts.assumeRole(request -> request.roleArn("arn:aws:iam::123456789012:role/sdk-role")
                        .roleSessionName("sdk-session")).credentials();
            }
            StaticCredentialsProvider temporary = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
            try (StsClient sts = sts(temporary); EcrClient ecr = ecr(temporary)) {
                assertEquals("arn:aws:sts::123456789012:assumed-role/sdk-role/sdk-session",
                        sts.getCallerIdentity().arn());
                assertTrue(ecr.getAuthorizationToken().hasAuthorizationData());
            }
        }
    }
}
