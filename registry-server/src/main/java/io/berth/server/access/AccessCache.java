package io.berth.server.access;

import io.berth.auth.policy.PolicySet;
import io.berth.auth.policy.RequestPrincipal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What checking a login password established, kept so that the caller's next requests are admitted on the event
 * loop without reading the store: for a password and a resource, the verified claims, the caller they name, when
 * the caller's access key expires, and the policies that apply to the caller on the resource. Only successful
 * logins are kept, so refused passwords cannot crowd out good ones.
 *
 * <p>Entries are keyed by the SHA-256 of the password (never the password itself) and the resource. An entry is
 * used only while the password and its key have not expired and the {@code revision} it was read at is still
 * current: the revision changes after every change to identities, access keys and policies, so disabling or
 * deleting a key, deleting a user or changing a policy takes effect on the very next request.
 */
public final class AccessCache {
    /**
     * Logins times resources: a team's CI runners and cluster nodes pulling from a few hundred repositories fit.
     * An entry is about 1–2 KiB (claims, principal, and references to parsed policies that the policy cache holds
     * anyway), so a full cache takes a few MiB of a 256 MiB heap. When it is full, an arbitrary entry makes room.
     */
    static final int MAX_ENTRIES = 4096;

    /**
     * What is known about a password on a resource.
     *
     * @param keyExpiresAt when the access key behind the password stops working (epoch millis), or null
     * @param revision     the access revision read before any of this was read from the store
     */
    record Known(LoginVerifier.Claims claims, RequestPrincipal caller, Long keyExpiresAt, PolicySet policies,
                 long revision) {
    }

    private record Key(long hash0, long hash1, long hash2, long hash3, String resource) {
    }

    private final Map<Key, Known> entries = new ConcurrentHashMap<>();
    private final LongSupplier revision;
    private final Clock clock;

    /**
     * @param revision a number that changes after every change to identities, keys or policies
     */
    public AccessCache(LongSupplier revision, Clock clock) {
        this.revision = revision;
        this.clock = clock;
    }

    /** The current revision: read it before reading anything from the store that {@link #put} will keep. */
    long revision() {
        return revision.getAsLong();
    }

    /** What is known about {@code password} on {@code resource}, or null when nothing current is. Never blocks. */
    Known get(String password, String resource) {
        Key key = key(password, resource);
        Known known = entries.get(key);
        if (known == null) {
            return null;
        }
        Instant now = clock.instant();
        boolean current = known.revision() == revision.getAsLong() && now.isBefore(known.claims().expiresAt())
                && (known.keyExpiresAt() == null || known.keyExpiresAt() > now.toEpochMilli());
        if (!current) {
            entries.remove(key, known);
            return null;
        }
        return known;
    }

    void put(String password, String resource, Known known) {
        Key key = key(password, resource);
        if (entries.size() >= MAX_ENTRIES && !entries.containsKey(key)) {
            Iterator<Key> any = entries.keySet().iterator();
            if (any.hasNext()) {
                any.next();
                any.remove();
            }
        }
        entries.put(key, known);
    }

    int size() {
        return entries.size();
    }

    /** One SHA-256 of a few hundred bytes (about a microsecond): not the deliberately slow kind of hashing. */
    private static Key key(String password, String resource) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        ByteBuffer words = ByteBuffer.wrap(hash);
        return new Key(words.getLong(), words.getLong(), words.getLong(), words.getLong(), resource);
    }
}
