package io.berth.auth.sigv4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * HTTP request headers as a case-insensitive multimap: names are kept lowercase, and each name keeps its values in
 * the order they arrived. {@link #toString()} hides the values of headers that carry credentials.
 */
public record HeaderMap(Map<String, List<String>> values) {
    /** Headers whose values never appear in {@link #toString()}. */
    private static final Set<String> REDACTED = Set.of("authorization", "x-amz-security-token", "cookie");

    public HeaderMap {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((name, list) -> copy.computeIfAbsent(lower(name), n -> new ArrayList<>()).addAll(list));
        copy.replaceAll((name, list) -> List.copyOf(list));
        values = Collections.unmodifiableMap(copy);
    }

    public static HeaderMap empty() {
        return new HeaderMap(Map.of());
    }

    /** Headers from alternating names and values: {@code of("Host", "example.com", "X-Amz-Date", "...")}. */
    public static HeaderMap of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Builder builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every value of the header, in arrival order; empty when it is absent. */
    public List<String> all(String name) {
        return values.getOrDefault(lower(name), List.of());
    }

    /** The first value of the header. */
    public Optional<String> first(String name) {
        List<String> list = all(name);
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    public boolean contains(String name) {
        return values.containsKey(lower(name));
    }

    /** The lowercase names present. */
    public Set<String> names() {
        return values.keySet();
    }

    /** A copy with {@code name} set to the single value {@code value}, replacing any it had. */
    public HeaderMap with(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(values);
        copy.put(lower(name), List.of(value));
        return new HeaderMap(copy);
    }

    /** A copy without {@code name}. */
    public HeaderMap without(String name) {
        Map<String, List<String>> copy = new LinkedHashMap<>(values);
        copy.remove(lower(name));
        return new HeaderMap(copy);
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "HeaderMap{", "}");
        values.forEach((name, list) -> text.add(name + "=" + (REDACTED.contains(name) ? "[redacted]" : list)));
        return text.toString();
    }

    private static String lower(String name) {
        return Objects.requireNonNull(name, "header name").toLowerCase(Locale.ROOT);
    }

    /** Collects headers in arrival order. */
    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(String name, String value) {
            Objects.requireNonNull(value, "header value");
            values.computeIfAbsent(lower(name), n -> new ArrayList<>()).add(value);
            return this;
        }

        public HeaderMap build() {
            return new HeaderMap(values);
        }
    }
}
