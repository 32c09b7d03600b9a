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
    /** For each segment of {@code tail}: the parameter's name, or null for a literal. */
    private final String[] paramNames;
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
        this.paramNames = tail.stream()
                .map(segment -> isParam(segment) ? segment.substring(1, segment.length() - 1) : null)
                .toArray(String[]::new);
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
        int nameEnd = nameEnd(path);
        return nameEnd < 0 ? null : params(path, nameEnd);
    }

    /**
     * Where the repository name ends when the path matches, else -1: the tail's segments are matched from the end
     * of the path. Allocates nothing, since every request tries most templates and matches one.
     */
    private int nameEnd(String path) {
        if (!path.startsWith(head)) {
            return -1;
        }
        int end = pathEnd(path);
        for (int i = tail.size() - 1; i >= 0; i--) {
            int slash = path.lastIndexOf('/', end - 1);
            if (slash < head.length()) {
                return -1;
            }
            int start = slash + 1;
            boolean matches = paramNames[i] != null ? start < end
                    : end - start == tail.get(i).length() && path.startsWith(tail.get(i), start);
            if (!matches) {
                return -1;
            }
            end = slash;
        }
        return end == head.length() ? -1 : end;
    }

    /** The parameters of a matching path, whose name ends at {@code nameEnd}; null when one is badly encoded. */
    private Map<String, String> params(String path, int nameEnd) {
        Map<String, String> params = new HashMap<>(4);
        if (!put(params, NAME, path.substring(head.length(), nameEnd))) {
            return null;
        }
        int start = nameEnd + 1;
        for (int i = 0; i < tail.size(); i++) {
            int end = i == tail.size() - 1 ? pathEnd(path) : path.indexOf('/', start);
            if (paramNames[i] != null && !put(params, paramNames[i], path.substring(start, end))) {
                return null;
            }
            start = end + 1;
        }
        return params;
    }

    /** The path's length without the optional trailing slash. */
    private int pathEnd(String path) {
        int end = path.length();
        return optionalSlash && end > head.length() && path.charAt(end - 1) == '/' ? end - 1 : end;
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
