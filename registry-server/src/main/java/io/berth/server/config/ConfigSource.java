package io.berth.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The raw configuration: sections of keys with text values, merged from the config file, then environment
 * variables ({@code BERTH_<SECTION>_<KEY>}, key in upper snake case), then command-line options. Typed getters
 * record every problem instead of stopping at the first, so start-up can report them all at once.
 */
final class ConfigSource {
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    private final Map<String, Set<String>> read = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    void set(String section, String key, String value) {
        sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, value);
    }

    void problem(String message) {
        problems.add(message);
    }

    /** Applies {@code BERTH_<SECTION>_<KEY>} variables for every known section and key. */
    void applyEnvironment(Map<String, String> environment, Map<String, Set<String>> known) {
        known.forEach((section, keys) -> keys.forEach(key -> {
            String name = "BERTH_" + snake(section) + "_" + snake(key);
            String value = environment.get(name);
            if (value != null) {
                set(section, key, value);
            }
        }));
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    String string(String section, String key, String fallback) {
        return get(section, key, fallback, Function.identity(), "text");
    }

    int integer(String section, String key, int fallback) {
        return get(section, key, fallback, Integer::parseInt, "a whole number");
    }

    long size(String section, String key, long fallback) {
        return get(section, key, fallback, ConfigSource::parseSize, "a size such as 1048576, 512k, 64m or 1g");
    }

    boolean bool(String section, String key, boolean fallback) {
        return get(section, key, fallback, text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(text);
        }, "true or false");
    }

    Duration duration(String section, String key, Duration fallback) {
        return get(section, key, fallback, Durations::parse, "a duration such as 30s, 15m, 24h or 7d");
    }

    private <T> T get(String section, String key, T fallback, Function<String, T> parse, String expected) {
        read.computeIfAbsent(section, s -> new TreeSet<>()).add(key);
        String text = sections.getOrDefault(section, Map.of()).get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return parse.apply(text);
        } catch (RuntimeException e) {
            problems.add(section + "." + key + ": expected " + expected + ", got '" + text + "'");
            return fallback;
        }
    }

    /** Every key that was set but never read is unknown: a typo or a setting Berth does not have. */
    List<String> problemsIncludingUnknownKeys() {
        List<String> all = new ArrayList<>(problems);
        sections.forEach((section, keys) -> keys.keySet().forEach(key -> {
            if (!read.getOrDefault(section, Set.of()).contains(key)) {
                all.add("unknown setting " + section + "." + key);
            }
        }));
        return all;
    }

    private static long parseSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = t.charAt(t.length() - 1);
        switch (last) {
            case 'k' -> unit = 1L << 10;
            case 'm' -> unit = 1L << 20;
            case 'g' -> unit = 1L << 30;
            default -> {
            }
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        return Math.multiplyExact(Long.parseLong(digits), unit);
    }
}
