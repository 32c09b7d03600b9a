package io.berth.auth.sigv4;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How strict {@link SigV4Verifier} is.
 *
 * @param maxClockSkew how far a request's signing time may lie before or after the server's clock
 * @param services the services a credential scope may name; empty accepts any
 * @param regions the regions a credential scope may name; empty accepts any
 */
public record SigV4Settings(Duration maxClockSkew, Set<String> services, Set<String> regions) {
    /** AWS accepts signing times up to 15 minutes away from its own clock. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    /** AWS caps X-Amz-Expires of presigned requests at 7 days (604,800 seconds). */
    public static final Duration MAX_PRESIGNED_VALIDITY = Duration.ofDays(7);

    public SigV4Settings {
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("maxClockSkew is negative: " + maxClockSkew);
        }
        services = Set.copyOf(services);
        regions = Set.copyOf(regions);
    }

    /** AWS's defaults: 15 minutes of skew, any service, any region. */
    public static SigV4Settings defaults() {
        return new SigV4Settings(DEFAULT_MAX_CLOCK_SKEW, Set.of(), Set.of());
    }

    /** The defaults, accepting only scopes for the given service (e.g. {@code ecr}). */
    public static SigV4Settings forService(String service) {
        return new SigV4Settings(DEFAULT_MAX_CLOCK_SKEW, Set.of(service), Set.of());
    }

    public SigV4Settings withMaxClockSkew(Duration skew) {
        return new SigV4Settings(skew, services, regions);
    }
}
