package io.berth.server.aws.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps as IAM and STS write them: ISO 8601 in UTC to the second, {@code 2026-11-22T04:00:00Z}. */
public final class IsoDates {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private IsoDates() {
    }

    public static String format(long epochMillis) {
        return SECONDS.format(Instant.ofEpochMilli(epochMillis));
    }

    public static String format(Instant instant) {
        return SECONDS.format(instant);
    }
}
