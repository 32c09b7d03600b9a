package io.berth.server.access;

import io.berth.auth.policy.PolicySet;
import io.berth.auth.policy.RequestPrincipal;
import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What checking a login password established, kept so that the caller's next requests are admitted on the event
 * loop without reading the store: for the credentials a request carries and a resource, the verified claims, the
 * caller they name, when the caller's access key expires, and the policies that apply to the caller on the
 * resource. Only successful logins are kept, so refused passwords cannot crowd out good ones.
 *
 * <p>Entries are keyed by the SHA-256 of the credentials exactly as they came (the {@code Authorization} header's
 * value, so that a request admitted from the cache is not decoded at all; never the credentials themselves) and
 * the resource. An entry is used only while the password and its key have not expired and the {@code revision} it
 * was read at is still current: the revision changes after every change to identities, access keys and policies,
 * so disabling or deleting a key, deleting a user or changing a policy takes effect on the very next request.
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
    /** Each thread's own digest and buffers: a lookup on an event loop allocates only its key. */
    private final ThreadLocal<Hasher> hashers = ThreadLocal.withInitial(Hasher::new);
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

    /** What is known about {@code credentials} on {@code resource}, or null when nothing current is. Never blocks. */
    Known get(String credentials, String resource) {
        Key key = key(credentials, resource);
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

    void put(String credentials, String resource, Known known) {
        Key key = key(credentials, resource);
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
    private Key key(String credentials, String resource) {
        return hashers.get().key(credentials, resource);
    }

    /** A SHA-256 digest with the buffers it needs, reused by one thread. */
    private static final class Hasher {
        private final MessageDigest sha256;
        private final byte[] hash = new byte[32];
        private byte[] text = new byte[256];

        Hasher() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }

        /** Hashes the text's UTF-16 code units (two bytes each, so that different texts never give one input). */
        Key key(String credentials, String resource) {
            int length = credentials.length();
            if (text.length < 2 * length) {
                text = new byte[2 * length];
            }
            for (int i = 0; i < length; i++) {
                char c = credentials.charAt(i);
                text[2 * i] = (byte) (c >>> 8);
                text[2 * i + 1] = (byte) c;
            }
            try {
                sha256.update(text, 0, 2 * length);
                sha256.digest(hash, 0, hash.length);
            } catch (DigestException e) {
                throw new IllegalStateException("SHA-256 digest did not fit 32 bytes", e);
            } finally {
                Arrays.fill(text, 0, 2 * length, (byte) 0);
            }
            ByteBuffer words = ByteBuffer.wrap(hash);
            return new Key(words.getLong(), words.getLong(), words.getLong(), words.getLong(), resource);
        }
    }
}
