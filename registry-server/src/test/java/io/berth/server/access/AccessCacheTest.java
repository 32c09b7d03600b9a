package io.berth.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.auth.policy.PolicySet;
import io.berth.auth.policy.RequestPrincipal;
import io.berth.storage.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AccessCacheTest {
    private static final String REPOSITORY = "arn:aws:ecr:us-east-1:123456789012:repository/team/app";
    private final MutableClock clock = MutableClock.atEpochDay();
    private final AtomicLong revision = new AtomicLong(7);
    private final AccessCache cache = new AccessCache(revision::get, clock);

    private AccessCache.Known known(Duration passwordLife, Long keyExpiresAt) {
        LoginVerifier.Claims claims = new LoginVerifier.Claims("AKIAEXAMPLE", clock.instant().plus(passwordLife),
                List.of(), false);
        return new AccessCache.Known(claims, RequestPrincipal.accountRoot("123456789012"), keyExpiresAt,
                PolicySet.identity(List.of()), cache.revision());
    }

    @Test
    void aPasswordIsKnownOnTheResourceItWasCheckedFor() {
        AccessCache.Known known = known(Duration.ofHours(12), null);
        cache.put("password-1", REPOSITORY, known);
        assertSame(known, cache.get("password-1", REPOSITORY));
        assertNull(cache.get("password-1", "*"));
        assertNull(cache.get("password-2", REPOSITORY));
        assertNull(cache.get("password-", REPOSITORY));
    }

    @Test
    void anyChangeToIdentitiesOrPoliciesMakesEveryEntryUnknown() {
        cache.put("password-1", REPOSITORY, known(Duration.ofHours(12), null));
        revision.incrementAndGet();
        assertNull(cache.get("password-1", REPOSITORY));
        assertEquals(0, cache.size(), "a stale entry is dropped when found");
    }

    @Test
    void anEntryReadBeforeAChangeIsNeverCurrent() {
        AccessCache.Known readBefore = known(Duration.ofHours(12), null);
        revision.incrementAndGet(); // the store changed while the entry was being read
        cache.put("password-1", REPOSITORY, readBefore);
        assertNull(cache.get("password-1", REPOSITORY));
    }

    @Test
    void anExpiredPasswordIsUnknown() {
        cache.put("password-1", REPOSITORY, known(Duration.ofHours(1), null));
        clock.advance(Duration.ofMinutes(59));
        assertTrue(cache.get("password-1", REPOSITORY) != null);
        clock.advance(Duration.ofMinutes(1));
        assertNull(cache.get("password-1", REPOSITORY));
    }

    @Test
    void aPasswordOfAnExpiredSessionKeyIsUnknown() {
        long sessionEnd = clock.instant().plus(Duration.ofMinutes(15)).toEpochMilli();
        cache.put("password-1", REPOSITORY, known(Duration.ofHours(12), sessionEnd));
        clock.advance(Duration.ofMinutes(14));
        assertTrue(cache.get("password-1", REPOSITORY) != null);
        clock.advance(Duration.ofMinutes(1));
        assertNull(cache.get("password-1", REPOSITORY));
    }

    @Test
    void theCacheStaysWithinItsBound() {
        for (int i = 0; i < AccessCache.MAX_ENTRIES + 500; i++) {
            cache.put("password-" + i, REPOSITORY, known(Duration.ofHours(12), null));
        }
        assertEquals(AccessCache.MAX_ENTRIES, cache.size());
        String last = "password-" + (AccessCache.MAX_ENTRIES + 499);
        assertTrue(cache.get(last, REPOSITORY) != null, "the newest entry is kept");
    }

    @Test
    void credentialsAreKeyedByTheirWholeTextAsSent() {
        AccessCache.Known known = known(Duration.ofHours(12), null);
        String header = "Basic QVdTOmV5SnBaQ0k2SW1Gaklu";
        cache.put(header, REPOSITORY, known);
        assertSame(known, cache.get(header, REPOSITORY));
        assertSame(known, cache.get(new String(header.toCharArray()), REPOSITORY), "equal text, another string");
        assertNull(cache.get("basic QVdTOmV5SnBaQ0k2SW1Gaklu", REPOSITORY), "another spelling is checked anew");
        assertNull(cache.get(header + " ", REPOSITORY));
        assertNull(cache.get(header.substring(0, header.length() - 1), REPOSITORY));
    }

    @Test
    void longAndNonAsciiCredentialsAreKeyedExactly() {
        String longHeader = "Basic " + "QVdTOn".repeat(2000);
        String nonAscii = "Basic \u20ac\u0100";
        AccessCache.Known first = known(Duration.ofHours(12), null);
        AccessCache.Known second = known(Duration.ofHours(12), null);
        cache.put(longHeader, REPOSITORY, first);
        cache.put(nonAscii, REPOSITORY, second);
        assertSame(first, cache.get(longHeader, REPOSITORY));
        assertSame(second, cache.get(nonAscii, REPOSITORY));
        assertNull(cache.get(longHeader.substring(0, longHeader.length() - 1) + "o", REPOSITORY));
        // each character counts whole: U+0100 must not hash like U+0001 U+0000 or a Latin-1 byte pair
        assertNull(cache.get("Basic \u20ac\u0001\u0000", REPOSITORY));
        assertNull(cache.get("Basic \u20ac", REPOSITORY));
    }
}
