package io.berth.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.sigv4.AwsCredentials;
import io.berth.server.testing.RegistryClient;
import io.berth.server.testing.TestBerth;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two switches of access control: dry-run mode and authentication switched off. */
class AuthModesTest {
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly";

    @Test
    void dryRunLetsThroughWhatPoliciesWouldDeny(@TempDir Path dataDir) {
        try (TestBerth berth = TestBerth.start(dataDir, Map.of("auth.dryRun", "true"), Clock.systemUTC())) {
            var identities = berth.server().security().identities();
            identities.directory().createUser("tester", "/", Map.of());
            identities.directory().attachUserPolicy("tester", READ_ONLY);
            AccessKey key = identities.keys().createForUser("tester");
            RegistryClient tester = RegistryClient.withPassword(berth.baseUrl(),
                    berth.loginPassword(AwsCredentials.of(key.accessKeyId(), key.secret())));
            tester.pushImage("dry/run", "1", "would be denied".getBytes());
            assertEquals(200, tester.get("/v2/dry/run/manifests/1").statusCode());
            // credentials are still required: dry run relaxes authorization, not authentication
            assertEquals(401, berth.anonymousClient().get("/v2/dry/run/manifests/1").statusCode());
        }
    }

    @Test
    void withAuthenticationOffAnyoneMayPushAndPull(@TempDir Path dataDir) {
        try (TestBerth berth = TestBerth.start(dataDir, Map.of("auth.enabled", "false"), Clock.systemUTC())) {
            RegistryClient anyone = berth.anonymousClient();
            anyone.pushImage("open/repo", "1", "open".getBytes());
            assertEquals(200, anyone.get("/v2/open/repo/manifests/1").statusCode());
        }
    }
}
