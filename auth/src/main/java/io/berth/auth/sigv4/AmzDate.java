package io.berth.auth.sigv4;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/** The two ways a SigV4 request states its time: ISO 8601 basic ({@code 20150830T123600Z}) or an HTTP Date. */
final class AmzDate {
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final int BASIC_LENGTH = 16;

    private AmzDate() {
    }

    static String format(Instant instant) {
        return BASIC.format(instant);
    }

    /** Parses {@code 20150830T123600Z}; empty when the text is not exactly that form. */
    static Optional<Instant> parseBasic(String text) {
        if (text.length() != BASIC_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(BASIC.parse(text)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Parses an RFC 1123 HTTP date such as {@code Sun, 30 Aug 2015 12:36:00 GMT}. */
    static Optional<Instant> parseHttpDate(String text) {
        try {
            return Optional.of(Instant.from(HTTP_DATE.parse(text.strip())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
