package io.berth.auth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.identity.Records.KeyOwner;
import io.berth.auth.policy.PolicyDocument;
import io.berth.auth.policy.RequestPrincipal;
import io.berth.storage.kv.InMemoryKeyValueStore;
import io.berth.storage.kv.RecordCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStoreTest {
    private static final String ALLOW_PULL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"ecr:BatchGetImage\",\"Resource\":\"*\"}]}";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    private final RecordCodec codec = new RecordCodec();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
    private final Account account = new Account(Account.DEFAULT_ACCOUNT_ID, Account.DEFAULT_REGION);
    private final IdentityDirectory directory = new IdentityDirectory(kv, codec, account, clock, new PolicyValidator() {
        @Override
        public void validateIdentityPolicy(String document) {
            PolicyDocument.parseIdentity(document);
        }

        @Override
        public void validateTrustPolicy(String document) {
            PolicyDocument.parseResource(document);
        }
    }, Map.of("arn:aws:iam::aws:policy/Managed", ALLOW_PULL));
    private final AccessKeys keys = new AccessKeys(kv, codec, clock);
    private final Identities identities = new Identities(directory, keys);

    @Test
    void usersAreCreatedOnceWithIamStyleIds() {
        var user = directory.createUser("alice", "/team/", Map.of("team", "a"));
        assertTrue(user.userId().matches("AIDA[A-Z2-7]{16}"), user.userId());
        assertEquals(user, directory.user("alice"));
        IamException twice = assertThrows(IamException.class, () -> directory.createUser("alice", "/", Map.of()));
        assertEquals("EntityAlreadyExists", twice.code());
        assertEquals("NoSuchEntity", assertThrows(IamException.class, () -> directory.user("bob")).code());
        assertEquals("InvalidInput", assertThrows(IamException.class,
                () -> directory.createUser("bad name!", "/", Map.of())).code());
        assertEquals("InvalidInput", assertThrows(IamException.class,
                () -> directory.createUser("ok", "no-slashes", Map.of())).code());
    }

    @Test
    void policiesAreValidatedAndCollectedFromUserAndGroups() {
        directory.createUser("alice", "/", Map.of());
        directory.putUserPolicy("alice", "inline", ALLOW_PULL);
        directory.attachUserPolicy("alice", "arn:aws:iam::aws:policy/Managed");
        directory.createGroup("devs", "/");
        directory.putGroupPolicy("devs", "group-inline", ALLOW_PULL);
        directory.addUserToGroup("devs", "alice");
        RequestPrincipal alice = RequestPrincipal.iamUser(account.accountId(), "alice", directory.user("alice").userId());
        assertEquals(List.of("inline", "arn:aws:iam::aws:policy/Managed", "group-inline"),
                identities.policiesOf(alice).stream().map(Identities.NamedPolicy::name).toList());
        assertThrows(RuntimeException.class, () -> directory.putUserPolicy("alice", "bad", "{\"Statement\":1}"));
        assertEquals("NoSuchEntity", assertThrows(IamException.class,
                () -> directory.attachUserPolicy("alice", "arn:aws:iam::123456789012:policy/none")).code());
    }

    @Test
    void usersWithKeysOrPoliciesCannotBeDeleted() {
        directory.createUser("bob", "/", Map.of());
        AccessKey key = keys.createForUser("bob");
        assertEquals("DeleteConflict", assertThrows(IamException.class,
                () -> directory.deleteUser("bob", !keys.ofUser("bob").isEmpty())).code());
        keys.deleteForUser("bob", key.accessKeyId());
        directory.putUserPolicy("bob", "p", ALLOW_PULL);
        assertEquals("DeleteConflict", assertThrows(IamException.class,
                () -> directory.deleteUser("bob", false)).code());
        directory.deleteUserPolicy("bob", "p");
        directory.deleteUser("bob", false);
        assertEquals("NoSuchEntity", assertThrows(IamException.class, () -> directory.user("bob")).code());
    }

    @Test
    void twoKeysPerUserAndInactiveKeysDoNotAuthenticate() {
        directory.createUser("carol", "/", Map.of());
        AccessKey first = keys.createForUser("carol");
        keys.createForUser("carol");
        assertEquals("LimitExceeded", assertThrows(IamException.class, () -> keys.createForUser("carol")).code());
        assertTrue(first.accessKeyId().matches("AKIA[A-Z2-7]{16}"));
        assertEquals(40, first.secret().length());
        assertTrue(keys.usable(first.accessKeyId()).isPresent());
        keys.setActive("carol", first.accessKeyId(), false);
        assertTrue(keys.usable(first.accessKeyId()).isEmpty());
        assertEquals("NoSuchEntity", assertThrows(IamException.class,
                () -> keys.setActive("someone-else", first.accessKeyId(), true)).code());
        assertFalse(first.toString().contains(first.secret()));
    }

    @Test
    void sessionKeysExpireAndResolveToTheirRole() {
        directory.createRole("deployer", "/", TRUST, null, Map.of());
        AccessKey session = keys.createSession("deployer", "run-1", Duration.ofHours(1));
        assertTrue(session.accessKeyId().startsWith("ASIA"));
        RequestPrincipal principal = identities.principalOf(session).orElseThrow();
        assertEquals("arn:aws:sts::123456789012:assumed-role/deployer/run-1", principal.arn());
        AccessKeys later = new AccessKeys(kv, codec, Clock.offset(clock, Duration.ofMinutes(61)));
        assertTrue(later.usable(session.accessKeyId()).isEmpty());
        assertTrue(keys.usable(session.accessKeyId()).isPresent());
    }

    @Test
    void theRootKeyIsCreatedOnceOrTakenFromThePreset() {
        AccessKey root = keys.rootKey(Optional.empty(), Optional.empty());
        assertEquals(KeyOwner.ROOT, root.ownerType());
        assertEquals(root, keys.rootKey(Optional.empty(), Optional.empty()));
        AccessKey preset = keys.rootKey(Optional.of("AKIAPRESETPRESET0000"), Optional.of("s".repeat(40)));
        assertEquals("AKIAPRESETPRESET0000", preset.accessKeyId());
        assertNotEquals(root.accessKeyId(), preset.accessKeyId());
        assertEquals("arn:aws:iam::123456789012:root", identities.principalOf(preset).orElseThrow().arn());
        assertEquals("InvalidInput", assertThrows(IamException.class,
                () -> keys.rootKey(Optional.of("lower"), Optional.of("short"))).code());
    }

    @Test
    void theCredentialsFileIsPrivateAndInTheAwsFormat(@TempDir Path dir) throws Exception {
        AccessKey root = keys.rootKey(Optional.empty(), Optional.empty());
        Path file = dir.resolve("data").resolve("credentials");
        CredentialsFile.write(file, root);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String content = Files.readString(file);
        assertTrue(content.startsWith("[berth]\n"));
        assertTrue(content.contains("aws_access_key_id = " + root.accessKeyId() + "\n"));
        assertTrue(content.contains("aws_secret_access_key = " + root.secret() + "\n"));
        assertTrue(CredentialsFile.holds(file, root.accessKeyId()));
    }

    @Test
    void theLoginTokenKeySurvivesAndIsStable() {
        ServerSecrets secrets = new ServerSecrets(kv, codec);
        assertEquals(java.util.Arrays.toString(secrets.loginTokenKey().bytes()),
                java.util.Arrays.toString(new ServerSecrets(kv, codec).loginTokenKey().bytes()));
    }
}
