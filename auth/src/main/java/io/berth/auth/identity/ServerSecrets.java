package io.berth.auth.identity;

import io.berth.auth.token.TokenKey;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.RecordCodec;
import java.security.SecureRandom;
import java.util.Base64;

/** Secrets of the server itself, created on first start and kept in the store: the login-token signing key. */
public final class ServerSecrets {
    /** A stored secret, base64. */
    public record Secret(String value) {
        @Override
        public String toString() {
            return "Secret[redacted]";
        }
    }

    private static final String LOGIN_TOKEN_KEY = "login-token-key";
    private final IamTable<Secret> table;
    private final SecureRandom random = new SecureRandom();

    public ServerSecrets(KeyValueStore kv, RecordCodec codec) {
        this.table = new IamTable<>(kv, codec, "secret", Secret.class);
    }

    /** The key login passwords are signed with; generated once and kept, so passwords survive restarts. */
    public synchronized TokenKey loginTokenKey() {
        return table.find(LOGIN_TOKEN_KEY)
                .map(secret -> TokenKey.of(Base64.getDecoder().decode(secret.value())))
                .orElseGet(() -> {
                    TokenKey key = TokenKey.generate(random);
                    table.put(LOGIN_TOKEN_KEY, new Secret(Base64.getEncoder().encodeToString(key.bytes())));
                    return key;
                });
    }
}
