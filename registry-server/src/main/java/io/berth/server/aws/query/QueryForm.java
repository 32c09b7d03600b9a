package io.berth.server.aws.query;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of a Query-protocol request ({@code Action=CreateUser&Version=2010-05-08&UserName=alice}), read
 * from its form-encoded body as botocore and the AWS CLI serialize it: lists as {@code Name.member.N} (structures
 * as {@code Name.member.N.Field}), maps as {@code Name.entry.N.key} / {@code Name.entry.N.value}, an empty list as
 * {@code Name=}. Accessors check the API model's constraints and throw {@link QueryException} with AWS's
 * validation messages.
 */
public final class QueryForm {
    private static final Pattern INDEXED = Pattern.compile("(\\d+)(?:\\.(.+))?");
    /** IAM's and STS's tag keys and values (tagKeyType, tagValueType). */
    private static final Field TAG_KEY = Field.text("Key", 1, 128, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    private static final Field TAG_VALUE = Field.text("Value", 0, 256, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    /** AWS's limit of tags per resource and per request (tagListType). */
    private static final int MAX_TAGS = 50;

    private final Map<String, String> params;

    private QueryForm(Map<String, String> params) {
        this.params = Map.copyOf(params);
    }

    /** Decodes an {@code application/x-www-form-urlencoded} body (UTF-8, {@code +} for space). */
    public static QueryForm parse(byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            params.put(name, value);
        }
        return new QueryForm(params);
    }

    public static QueryForm of(Map<String, String> params) {
        return new QueryForm(params);
    }

    public Optional<String> action() {
        return Optional.ofNullable(params.get("Action")).filter(action -> !action.isEmpty());
    }

    public String version(String fallback) {
        return Optional.ofNullable(params.get("Version")).filter(version -> !version.isEmpty()).orElse(fallback);
    }

    /** Whether the member was sent at all, as a value or as list or map entries. */
    public boolean has(String member) {
        return params.keySet().stream().anyMatch(name -> name.equals(member) || name.startsWith(member + "."));
    }

    public Optional<String> string(Field field) {
        return Optional.ofNullable(params.get(field.member())).map(value -> field.check(value, field.modelName()));
    }

    public String required(Field field) {
        return string(field).orElseThrow(() -> Field.missing(field.modelName()));
    }

    /** An integer member within the model's range. */
    public Optional<Integer> integer(String member, int min, int max) {
        String value = params.get(member);
        if (value == null) {
            return Optional.empty();
        }
        String where = Field.modelName(member);
        int number;
        try {
            number = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw Field.invalid(value, where, "Member must be a number");
        }
        if (number < min) {
            throw Field.invalid(value, where, "Member must have value greater than or equal to " + min);
        }
        if (number > max) {
            throw Field.invalid(value, where, "Member must have value less than or equal to " + max);
        }
        return Optional.of(number);
    }

    public Optional<Boolean> bool(String member) {
        String value = params.get(member);
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw Field.invalid(value, Field.modelName(member), "Member must be a boolean");
        };
    }

    /** A list of strings ({@code Name.member.N}), in index order, each checked against {@code field}. */
    public List<String> list(String member, Field field, int maxItems) {
        Map<Integer, Map<String, String>> entries = indexed(member + ".member.");
        checkCount(member, entries.size(), maxItems);
        List<String> values = new ArrayList<>();
        entries.forEach((index, parts) -> {
            String value = parts.get("");
            String where = Field.modelName(member) + "." + index + ".member";
            if (value == null) {
                throw Field.missing(where);
            }
            values.add(field.check(value, where));
        });
        return values;
    }

    /** A list of structures ({@code Name.member.N.Field}), in index order, as field-name-to-value maps. */
    public List<Map<String, String>> structs(String member, int maxItems) {
        Map<Integer, Map<String, String>> entries = indexed(member + ".member.");
        checkCount(member, entries.size(), maxItems);
        return entries.values().stream().map(Map::copyOf).toList();
    }

    /** A map ({@code Name.entry.N.key}, {@code Name.entry.N.value}) in index order. */
    public Map<String, String> map(String member) {
        Map<String, String> map = new LinkedHashMap<>();
        indexed(member + ".entry.").forEach((index, parts) -> {
            String key = parts.get("key");
            if (key == null) {
                throw Field.missing(Field.modelName(member) + "." + index + ".key");
            }
            map.put(key, parts.getOrDefault("value", ""));
        });
        return map;
    }

    /**
     * Tags ({@code Tags.member.N.Key} / {@code .Value}) as an ordered map; keys are unique ignoring case, as
     * IAM requires.
     */
    public Map<String, String> tags(String member) {
        Map<String, String> tags = new LinkedHashMap<>();
        List<Map<String, String>> entries = structs(member, MAX_TAGS);
        for (int i = 0; i < entries.size(); i++) {
            String where = Field.modelName(member) + "." + (i + 1) + ".member.";
            String key = entries.get(i).get("Key");
            String value = entries.get(i).get("Value");
            if (key == null) {
                throw Field.missing(where + "key");
            }
            if (value == null) {
                throw Field.missing(where + "value");
            }
            TAG_KEY.check(key, where + "key");
            TAG_VALUE.check(value, where + "value");
            boolean duplicate = tags.keySet().stream().anyMatch(existing -> existing.equalsIgnoreCase(key));
            if (duplicate) {
                throw new QueryException("InvalidInput", 400,
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            tags.put(key, value);
        }
        return tags;
    }

    /** Entries under {@code prefix} grouped by their index: index → (sub-field, or "" for a plain value). */
    private Map<Integer, Map<String, String>> indexed(String prefix) {
        Map<Integer, Map<String, String>> entries = new TreeMap<>();
        params.forEach((name, value) -> {
            if (!name.startsWith(prefix)) {
                return;
            }
            Matcher matcher = INDEXED.matcher(name.substring(prefix.length()));
            if (!matcher.matches()) {
                return;
            }
            int index;
            try {
                index = Integer.parseInt(matcher.group(1));
            } catch (NumberFormatException tooLarge) {
                return;
            }
            String part = matcher.group(2) == null ? "" : matcher.group(2);
            entries.computeIfAbsent(index, ignored -> new LinkedHashMap<>()).put(part, value);
        });
        return entries;
    }

    private static void checkCount(String member, int count, int maxItems) {
        if (count > maxItems) {
            throw Field.invalid("[...]", Field.modelName(member), "Member must have length less than or equal to "
                    + maxItems);
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw QueryException.malformedQueryString("The request body is not valid form encoding: "
                    + e.getMessage());
        }
    }
}
