package io.berth.auth.policy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as the Date condition operators read them: an ISO 8601 date or date-time ({@code 2020-06-30T23:59:59Z},
 * {@code 2016-12-13T21:20:37.593194+00:00}; no zone means UTC), or whole seconds since the epoch
 * ({@code aws:EpochTime}).
 */
final class DateValues {
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})"
            + "(?:[Tt](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9})\\d*)?)?)?"
            + "(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final Pattern EPOCH = Pattern.compile("-?\\d{1,19}");
    private static final int MAX_OFFSET_HOURS = 23;

    private DateValues() {
    }

    static Optional<Instant> parse(String text) {
        try {
            if (EPOCH.matcher(text).matches()) {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
            }
            Matcher iso = ISO.matcher(text);
            return iso.matches() ? iso(iso) : Optional.empty();
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> iso(Matcher m) {
        LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        if (hour > 23 || minute > 59 || second > 59) {
            return Optional.empty();
        }
        long nanos = m.group(7) == null ? 0 : Long.parseLong((m.group(7) + "00000000").substring(0, 9));
        Optional<Integer> offset = offsetSeconds(m.group(8));
        if (offset.isEmpty()) {
            return Optional.empty();
        }
        long epochSecond = date.toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second - offset.get();
        return Optional.of(Instant.ofEpochSecond(epochSecond, nanos));
    }

    private static Optional<Integer> offsetSeconds(String zone) {
        if (zone == null || zone.equalsIgnoreCase("Z")) {
            return Optional.of(0);
        }
        String digits = zone.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
        if (hours > MAX_OFFSET_HOURS || minutes > 59) {
            return Optional.empty();
        }
        int seconds = hours * 3_600 + minutes * 60;
        return Optional.of(zone.charAt(0) == '-' ? -seconds : seconds);
    }
}
