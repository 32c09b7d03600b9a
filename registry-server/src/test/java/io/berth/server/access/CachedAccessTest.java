package io.berth.server.access;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.sigv4.AwsCredentials;
import io.berth.server.aws.AwsApiClient;
import io.berth.server.testing.RegistryClient;
import io.berth.server.testing.TestBerth;
import io.berth.storage.MutableClock;
import io.berth.storage.model.RepositoryName;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A login password that was checked once is admitted from memory afterwards: every change to what that check
 * relied on (the key, the user, the policies) and every expiry must still count from the very next request.
 * Each test pulls twice before changing anything, so the change meets a login already in the cache.
 */
class CachedAccessTest {
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly";
    private static final String ACCOUNT = "123456789012";
    @TempDir
    static Path dataDir;
    static MutableClock clock;
    static TestBerth berth;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.now());
        berth = TestBerth.start(dataDir, Map.of("auth.tokenTtl", "1h"), clock);
        berth.client().pushImage("cached/app", "1", "cached layer".getBytes());
    }

    @AfterAll
    static void stop() {
        berth.close();
    }

    private static AwsCredentials newUser(String name, String... managedPolicies) {
        var directory = berth.server().security().identities().directory();
        directory.createUser(name, "/", Map.of());
        for (String arn : managedPolicies) {
            directory.attachUserPolicy(name, arn);
        }
        AccessKey key = berth.server().security().identities().keys().createForUser(name);
        return AwsCredentials.of(key.accessKeyId(), key.secret());
    }

    private static RegistryClient loggedIn(AwsCredentials credentials) {
        return RegistryClient.withPassword(berth.baseUrl(), berth.loginPassword(credentials));
    }

    /** The status of a manifest pull, asserted to be the same twice in a row (checked, then cached). */
    private static int pull(RegistryClient client) {
        int first = client.get("/v2/cached/app/manifests/1").statusCode();
        assertEquals(first, client.get("/v2/cached/app/manifests/1").statusCode(), "the repeated pull");
        return first;
    }

    private static String denyPullTo(String principalArn) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"%s"},
                "Action":"ecr:BatchGetImage","Resource":"*"}]}""".formatted(principalArn);
    }

    @Test
    void disablingOrDeletingTheKeyCountsAtOnce() {
        AwsCredentials credentials = newUser("cached-leaver", READ_ONLY);
        RegistryClient client = loggedIn(credentials);
        assertEquals(200, pull(client));
        var keys = berth.server().security().identities().keys();
        keys.setActive("cached-leaver", credentials.accessKeyId(), false);
        assertEquals(401, pull(client));
        keys.setActive("cached-leaver", credentials.accessKeyId(), true);
        assertEquals(200, pull(client));
        keys.deleteForUser("cached-leaver", credentials.accessKeyId());
        assertEquals(401, pull(client));
        assertEquals(401, client.get("/v2/").statusCode());
    }

    @Test
    void deletingTheUserCountsAtOnce() {
        AwsCredentials credentials = newUser("cached-gone", READ_ONLY);
        RegistryClient client = loggedIn(credentials);
        var directory = berth.server().security().identities().directory();
        directory.detachUserPolicy("cached-gone", READ_ONLY);
        berth.server().store().repositories().setPolicy(RepositoryName.of("cached/app"), """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},
                "Action":"ecr:BatchGetImage"}]}""".formatted("arn:aws:iam::" + ACCOUNT + ":user/cached-gone"));
        try {
            assertEquals(200, pull(client));
            directory.deleteUser("cached-gone", false); // its key is left behind: the user alone is gone
            assertEquals(401, pull(client));
        } finally {
            berth.server().store().repositories().setPolicy(RepositoryName.of("cached/app"), null);
        }
    }

    @Test
    void identityPolicyChangesCountAtOnce() {
        RegistryClient client = loggedIn(newUser("cached-dev", READ_ONLY));
        var directory = berth.server().security().identities().directory();
        assertEquals(200, pull(client));
        directory.detachUserPolicy("cached-dev", READ_ONLY);
        assertEquals(403, pull(client));
        directory.putUserPolicy("cached-dev", "pull", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:BatchGetImage",
                "Resource":"*"}]}""");
        assertEquals(200, pull(client));
        directory.createGroup("cached-no-pulls", "/");
        directory.putGroupPolicy("cached-no-pulls", "deny", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ecr:BatchGetImage",
                "Resource":"*"}]}""");
        directory.addUserToGroup("cached-no-pulls", "cached-dev");
        assertEquals(403, pull(client));
        directory.removeUserFromGroup("cached-no-pulls", "cached-dev");
        assertEquals(200, pull(client));
    }

    @Test
    void repositoryAndRegistryPolicyChangesCountAtOnce() throws Exception {
        RegistryClient client = loggedIn(newUser("cached-reader", READ_ONLY));
        String user = "arn:aws:iam::" + ACCOUNT + ":user/cached-reader";
        AwsApiClient root = new AwsApiClient(URI.create(berth.baseUrl()), berth.rootCredentials(), "us-east-1");
        assertEquals(200, pull(client));
        root.ecr("SetRepositoryPolicy", "{\"repositoryName\":\"cached/app\",\"policyText\":"
                + quote(denyPullTo(user)) + "}");
        assertEquals(403, pull(client));
        root.ecr("DeleteRepositoryPolicy", "{\"repositoryName\":\"cached/app\"}");
        assertEquals(200, pull(client));
        root.ecr("PutRegistryPolicy", "{\"policyText\":" + quote(denyPullTo(user)) + "}");
        assertEquals(403, pull(client));
        root.ecr("DeleteRegistryPolicy", "{}");
        assertEquals(200, pull(client));
    }

    @Test
    void aTamperedPasswordIsRefusedWhileTheGenuineOneIsCached() {
        String password = berth.loginPassword();
        assertEquals(200, pull(RegistryClient.withPassword(berth.baseUrl(), password)));
        for (int position : new int[] {0, password.length() / 2, password.length() - 1}) {
            char[] chars = password.toCharArray();
            chars[position] = chars[position] == 'A' ? 'B' : 'A';
            assertEquals(401, pull(RegistryClient.withPassword(berth.baseUrl(), new String(chars))));
        }
        assertEquals(401, pull(RegistryClient.withPassword(berth.baseUrl(), password + "A")));
    }

    @Test
    void eachSpellingOfTheCredentialsIsCheckedOnItsOwn() {
        String encoded = Base64.getEncoder().encodeToString(("AWS:" + berth.loginPassword()).getBytes(UTF_8));
        RegistryClient anonymous = new RegistryClient(berth.baseUrl());
        for (String header : List.of("Basic " + encoded, "basic " + encoded, "BASIC   " + encoded + "  ")) {
            assertEquals(200, anonymous.get("/v2/cached/app/manifests/1", "Authorization", header).statusCode(),
                    header);
            assertEquals(200, anonymous.get("/v2/cached/app/manifests/1", "Authorization", header).statusCode());
        }
        String otherUser = Base64.getEncoder().encodeToString(("aws:" + berth.loginPassword()).getBytes(UTF_8));
        for (String header : List.of("Basic " + otherUser, "Basic " + encoded + "x", "Bearer " + encoded,
                "Basic " + encoded.substring(1))) {
            HttpResponse<byte[]> refused = anonymous.get("/v2/cached/app/manifests/1", "Authorization", header);
            assertEquals(401, refused.statusCode(), header);
            assertEquals("UNAUTHORIZED", RegistryClient.errorCode(refused));
        }
    }

    @Test
    void passwordsAndRoleSessionsExpireWhileCached() {
        var directory = berth.server().security().identities().directory();
        directory.createRole("cached-task", "/", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},
                "Action":"sts:AssumeRole"}]}""".formatted(ACCOUNT), null, Map.of());
        directory.attachRolePolicy("cached-task", READ_ONLY);
        AccessKey session = berth.server().security().identities().keys()
                .createSession("cached-task", "ci", Duration.ofMinutes(15));
        RegistryClient task = loggedIn(AwsCredentials.of(session.accessKeyId(), session.secret(),
                session.sessionToken()));
        RegistryClient rootClient = berth.client();
        assertEquals(200, pull(task));
        assertEquals(200, pull(rootClient));
        clock.advance(Duration.ofMinutes(16));
        try {
            assertEquals(401, pull(task), "the session ended");
            assertEquals(200, pull(rootClient));
            clock.advance(Duration.ofMinutes(45));
            assertEquals(401, pull(rootClient), "the password expired");
        } finally {
            clock.advance(Duration.ofMinutes(-61));
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
