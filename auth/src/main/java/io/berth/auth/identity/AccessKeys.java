package io.berth.auth.identity;

import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.identity.Records.KeyOwner;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.RecordCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Access keys: the root's, users' long-term keys (two at most per user, as IAM allows), and the temporary keys
 * of role sessions. A deleted or inactive key stops authenticating at once, and so do the login tokens it
 * obtained. Blocking (RocksDB): call from a worker.
 */
public final class AccessKeys {
    /** IAM allows two access keys per user. */
    public static final int MAX_KEYS_PER_USER = 2;
    private static final Pattern PRESET_ID = Pattern.compile("[A-Z0-9]{16,128}");

    private final IamTable<AccessKey> keys;
    private final Clock clock;
    private final IamIds ids = new IamIds();
    private final Object lock = new Object();

    public AccessKeys(KeyValueStore kv, RecordCodec codec, Clock clock) {
        this.keys = new IamTable<>(kv, codec, "key", AccessKey.class);
        this.clock = clock;
    }

    /** A key by id, whatever its state (expired session keys included). */
    public Optional<AccessKey> find(String accessKeyId) {
        return keys.find(accessKeyId);
    }

    /** The key if it can authenticate now: it exists, is active, and (for a session) has not expired. */
    public Optional<AccessKey> usable(String accessKeyId) {
        return keys.find(accessKeyId).filter(key -> key.active()
                && (key.expiresAt() == null || key.expiresAt() > clock.millis()));
    }

    /**
     * The root's access key: the preset one when given (and stored on first use), else the one created on first
     * start, else a new one.
     */
    public AccessKey rootKey(Optional<String> presetId, Optional<String> presetSecret) {
        synchronized (lock) {
            if (presetId.isPresent() && presetSecret.isPresent()) {
                if (!PRESET_ID.matcher(presetId.get()).matches() || presetSecret.get().length() < 16) {
                    throw IamException.invalidInput("the preset root access key id must be 16-128 upper-case letters"
                            + " or digits and its secret at least 16 characters");
                }
                AccessKey preset = new AccessKey(presetId.get(), presetSecret.get(), KeyOwner.ROOT, "", null, null,
                        true, clock.millis(), null);
                keys.find(preset.accessKeyId()).filter(existing -> existing.ownerType() != KeyOwner.ROOT)
                        .ifPresent(existing -> {
                            throw IamException.alreadyExists("access key " + existing.accessKeyId()
                                    + " belongs to another identity");
                        });
                keys.put(preset.accessKeyId(), preset);
                return preset;
            }
            return keys.all().stream().filter(key -> key.ownerType() == KeyOwner.ROOT && key.active())
                    .min(Comparator.comparingLong(AccessKey::createdAt))
                    .orElseGet(() -> create(KeyOwner.ROOT, ""));
        }
    }

    public AccessKey createForUser(String userName) {
        synchronized (lock) {
            if (ofUser(userName).size() >= MAX_KEYS_PER_USER) {
                throw IamException.limitExceeded("Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS_PER_USER);
            }
            return create(KeyOwner.USER, userName);
        }
    }

    public List<AccessKey> ofUser(String userName) {
        return keys.all().stream()
                .filter(key -> key.ownerType() == KeyOwner.USER && key.owner().equals(userName))
                .sorted(Comparator.comparingLong(AccessKey::createdAt)).toList();
    }

    public void setActive(String userName, String accessKeyId, boolean active) {
        synchronized (lock) {
            AccessKey key = userKey(userName, accessKeyId);
            keys.put(accessKeyId, key.withActive(active));
        }
    }

    public void deleteForUser(String userName, String accessKeyId) {
        synchronized (lock) {
            userKey(userName, accessKeyId);
            keys.delete(accessKeyId);
        }
    }

    /** Temporary credentials of a role session, valid for {@code duration}. */
    public AccessKey createSession(String roleName, String sessionName, Duration duration) {
        AccessKey key = new AccessKey(ids.id("ASIA"), ids.secret(), KeyOwner.ROLE_SESSION, roleName, sessionName,
                ids.sessionToken(), true, clock.millis(), clock.millis() + duration.toMillis());
        keys.put(key.accessKeyId(), key);
        return key;
    }

    /** Removes session keys that expired before {@code cutoffMillis}; returns how many. */
    public int purgeExpiredSessions(long cutoffMillis) {
        List<AccessKey> expired = keys.all().stream()
                .filter(key -> key.expiresAt() != null && key.expiresAt() < cutoffMillis).toList();
        expired.forEach(key -> keys.delete(key.accessKeyId()));
        return expired.size();
    }

    private AccessKey userKey(String userName, String accessKeyId) {
        return keys.find(accessKeyId)
                .filter(key -> key.ownerType() == KeyOwner.USER && key.owner().equals(userName))
                .orElseThrow(() -> IamException.noSuchEntity("The Access Key with id " + accessKeyId
                        + " cannot be found."));
    }

    private AccessKey create(KeyOwner owner, String name) {
        AccessKey key = new AccessKey(ids.id("AKIA"), ids.secret(), owner, name, null, null, true, clock.millis(),
                null);
        keys.put(key.accessKeyId(), key);
        return key;
    }
}
