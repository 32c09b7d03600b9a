package io.berth.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The path of an endpoint, such as {@code /v2/{name}/manifests/{reference}}, matched without regular expressions.
 * A {@code {param}} is one non-empty segment, except {@code {name}}, a repository name, which spans one or more
 * segments: the segments after it are matched from the end of the path, and the name is what lies between. A
 * template ending in {@code /} matches with or without that slash.
 *
 * <p>This is what the anchored patterns {@code ^/v2/(?<name>.+?)/manifests/(?<reference>[^/]+)$} matched, in one
 * pass over the path: routing tried a dozen such patterns on every request, and it showed in profiles.
 * Parameters are percent-decoded ({@code +} stays a plus), as Vert.x decodes path parameters.
 */
final class PathTemplate {
    /** The parameter that spans segments. */
    static final String NAME = "name";
    private static final String NAME_PARAM = "{" + NAME + "}";

    private final String template;
    /** The literal before {@code {name}}, or the whole path (without an optional trailing slash) when it has none. */
    private final String head;
    private final boolean hasName;
    /** The segments after {@code {name}}: literals and {@code {param}}s. */
    private final List<String> tail;
    private final boolean optionalSlash;

    private PathTemplate(String template) {
        this.template = template;
        this.optionalSlash = template.length() > 1 && template.endsWith("/");
        String path = optionalSlash ? template.substring(0, template.length() - 1) : template;
        int name = path.indexOf(NAME_PARAM);
        this.hasName = name >= 0;
        if (hasName) {
            this.head = path.substring(0, name);
            String rest = path.substring(name + NAME_PARAM.length());
            if (!head.endsWith("/") || !rest.startsWith("/")) {
                throw new IllegalArgumentException("{name} must be a whole segment: " + template);
            }
            this.tail = List.of(rest.substring(1).split("/", -1));
        } else {
            this.head = path;
            this.tail = List.of();
        }
        if (tail.stream().anyMatch(segment -> segment.isEmpty() || segment.equals(NAME_PARAM))
                || head.indexOf('{') >= 0) {
            throw new IllegalArgumentException("unsupported path template: " + template);
        }
    }

    static PathTemplate of(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with /: " + template);
        }
        return new PathTemplate(template);
    }

    /** The decoded parameters when {@code path} matches, else null. */
    Map<String, String> match(String path) {
        if (!hasName) {
            boolean matches = path.equals(head) || optionalSlash && path.length() == head.length() + 1
                    && path.startsWith(head) && path.endsWith("/");
            return matches ? Map.of() : null;
        }
        if (!path.startsWith(head)) {
            return null;
        }
        int end = path.length();
        if (optionalSlash && end > head.length() && path.charAt(end - 1) == '/') {
            end--;
        }
        Map<String, String> params = new HashMap<>(4);
        for (int i = tail.size() - 1; i >= 0; i--) {
            int slash = path.lastIndexOf('/', end - 1);
            if (slash < head.length()) {
                return null;
            }
            String segment = path.substring(slash + 1, end);
            String expected = tail.get(i);
            if (isParam(expected)) {
                if (segment.isEmpty() || !put(params, expected.substring(1, expected.length() - 1), segment)) {
                    return null;
                }
            } else if (!expected.equals(segment)) {
                return null;
            }
            end = slash;
        }
        if (end == head.length() || !put(params, NAME, path.substring(head.length(), end))) {
            return null;
        }
        return params;
    }

    private static boolean isParam(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /** Puts the decoded value; false when it is not valid percent-encoding (the path matches nothing then). */
    private static boolean put(Map<String, String> params, String name, String raw) {
        if (raw.indexOf('%') < 0) {
            params.put(name, raw);
            return true;
        }
        try {
            params.put(name, URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            return true;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    @Override
    public String toString() {
        return template;
    }
}
