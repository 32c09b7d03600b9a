package io.berth.server.access;

import io.berth.auth.identity.AccessKeys;
import io.berth.auth.identity.Account;
import io.berth.auth.identity.CredentialsFile;
import io.berth.auth.identity.Identities;
import io.berth.auth.identity.IdentityDirectory;
import io.berth.auth.identity.PolicyValidator;
import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.identity.RegistryPolicy;
import io.berth.auth.identity.ServerSecrets;
import io.berth.auth.policy.ManagedPolicies;
import io.berth.auth.policy.ManagedPolicy;
import io.berth.auth.policy.PolicyDocument;
import io.berth.auth.policy.PolicyEvaluator;
import io.berth.auth.sigv4.ResolvedCredential;
import io.berth.auth.sigv4.SecretAccessKey;
import io.berth.auth.sigv4.SessionToken;
import io.berth.auth.sigv4.SigV4Settings;
import io.berth.auth.sigv4.SigV4Verifier;
import io.berth.auth.token.LoginTokenService;
import io.berth.server.config.ServerConfig;
import io.berth.storage.Store;
import io.berth.storage.kv.Column;
import io.berth.storage.kv.KeyValueStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Berth's identities and access control, wired in one place: the identity store, the root's access key (and its
 * credentials file), login tokens, the SigV4 verifier and the policy authorizer. Opening it blocks (it reads and
 * may write the store): call it from a worker.
 *
 * @param accessRevision a number that changes after every change to identities, access keys or policies (the
 *                       IAM column holds all of them but repository policies, which the repositories column holds):
 *                       caches of access decisions compare it, without blocking
 */
public record Security(Account account, Identities identities, AccessKey rootKey, Path credentialsFile,
                       LoginTokenService tokens, SigV4Verifier verifier, PolicyAuthorizer authorizer,
                       RegistryPolicy registryPolicy, ManagedPolicies managedPolicies, PolicyEvaluator evaluator,
                       LongSupplier accessRevision) {
    /** Where the root's credentials are written, in the data directory. */
    public static final String CREDENTIALS_FILE = "credentials";
    private static final Logger LOG = LoggerFactory.getLogger(Security.class);

    /**
     * @param environment read for {@code BERTH_ROOT_ACCESS_KEY_ID} and {@code BERTH_ROOT_SECRET_ACCESS_KEY}
     */
    public static Security open(ServerConfig config, Store store, Clock clock, Map<String, String> environment) {
        ServerConfig.Auth auth = config.auth();
        Account account = new Account(auth.accountId(), auth.region());
        ManagedPolicies managed = ManagedPolicies.load();
        Map<String, String> managedTexts = managed.all().stream()
                .collect(Collectors.toMap(ManagedPolicy::arn, ManagedPolicy::documentText));
        IdentityDirectory directory = new IdentityDirectory(store.keyValueStore(), store.codec(), account, clock,
                validator(), managedTexts);
        AccessKeys keys = new AccessKeys(store.keyValueStore(), store.codec(), clock);
        Identities identities = new Identities(directory, keys);
        AccessKey root = keys.rootKey(Optional.ofNullable(environment.get("BERTH_ROOT_ACCESS_KEY_ID")),
                Optional.ofNullable(environment.get("BERTH_ROOT_SECRET_ACCESS_KEY")));
        Path credentials = config.storage().dataDir().resolve(CREDENTIALS_FILE);
        if (!CredentialsFile.holds(credentials, root.accessKeyId())) {
            CredentialsFile.write(credentials, root);
        }
        LOG.info("root access key {} (secret in {}, profile {})", root.accessKeyId(),
                credentials.toAbsolutePath().normalize(), CredentialsFile.PROFILE);
        ServerSecrets secrets = new ServerSecrets(store.keyValueStore(), store.codec());
        LoginTokenService tokens = new LoginTokenService(List.of(secrets.loginTokenKey()), clock, auth.tokenTtl(),
                new SecureRandom());
        SigV4Verifier verifier = new SigV4Verifier(accessKeyId -> keys.usable(accessKeyId).map(Security::resolved),
                SigV4Settings.defaults(), clock);
        RegistryPolicy registryPolicy = new RegistryPolicy(store.keyValueStore(), store.codec());
        PolicyEvaluator evaluator = new PolicyEvaluator(clock);
        PolicyAuthorizer authorizer = new PolicyAuthorizer(identities, store.repositories(), registryPolicy,
                evaluator, auth.dryRun());
        KeyValueStore kv = store.keyValueStore();
        LongSupplier accessRevision = () -> kv.revision(Column.IAM) + kv.revision(Column.REPOSITORIES);
        return new Security(account, identities, root, credentials, tokens, verifier, authorizer, registryPolicy,
                managed, evaluator, accessRevision);
    }

    private static ResolvedCredential resolved(AccessKey key) {
        if (key.sessionToken() != null) {
            return ResolvedCredential.temporary(key.accessKeyId(), new SecretAccessKey(key.secret()),
                    key.accessKeyId(), new SessionToken(key.sessionToken()), Instant.ofEpochMilli(key.expiresAt()));
        }
        return ResolvedCredential.longTerm(key.accessKeyId(), new SecretAccessKey(key.secret()), key.accessKeyId());
    }

    private static PolicyValidator validator() {
        return new PolicyValidator() {
            @Override
            public void validateIdentityPolicy(String document) {
                PolicyDocument.parseIdentity(document);
            }

            @Override
            public void validateTrustPolicy(String document) {
                PolicyDocument.parseResource(document);
            }
        };
    }
}
