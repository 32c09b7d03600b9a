package io.berth.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
    /** Each template with the anchored pattern the route table used before, which it must agree with. */
    private static final Map<String, String> TEMPLATES = Map.of(
            "/v2/", "^/v2/?$",
            "/v2/_catalog", "^/v2/_catalog$",
            "/v2/{name}/tags/list", "^/v2/(?<name>.+?)/tags/list$",
            "/v2/{name}/referrers/{digest}", "^/v2/(?<name>.+?)/referrers/(?<digest>[^/]+)$",
            "/v2/{name}/blobs/uploads/", "^/v2/(?<name>.+?)/blobs/uploads/?$",
            "/v2/{name}/blobs/uploads/{uuid}", "^/v2/(?<name>.+?)/blobs/uploads/(?<uuid>[^/]+)$",
            "/v2/{name}/blobs/{digest}", "^/v2/(?<name>.+?)/blobs/(?<digest>[^/]+)$",
            "/v2/{name}/manifests/{reference}", "^/v2/(?<name>.+?)/manifests/(?<reference>[^/]+)$");

    private static final List<String> PATHS = List.of("/", "/v2", "/v2/", "/v2//", "/v2/_catalog", "/v2/_catalog/",
            "/v2/a/tags/list", "/v2/a/b/c/tags/list", "/v2//tags/list", "/v2/tags/list", "/v2/a/tags/list/",
            "/v2/a/tags/list/tags/list", "/v2/a/referrers/sha256:abc", "/v2/a/referrers/", "/v2/a/blobs/uploads",
            "/v2/a/blobs/uploads/", "/v2/a/blobs/uploads//", "/v2/blobs/uploads/", "/v2/a/blobs/uploads/u-1",
            "/v2/a/blobs/uploads/u-1/", "/v2/a/blobs/sha256:0f", "/v2/a/blobs/b/blobs/c", "/v2/a/blobs/",
            "/v2/a/manifests/latest", "/v2/team/app/manifests/1.0", "/v2/a/manifests/", "/v2/manifests/x",
            "/v2//manifests/x", "/v2///manifests/x", "/v2/a/manifests/b/manifests/c", "/v2/a%2Fb/manifests/x",
            "/v2/a+b/manifests/%41", "/v2/a/manifests/x/y", "/v3/a/manifests/x", "/v2/x/nonsense/thing",
            "/v2/a/blobs/uploads/manifests/x", "/v2/%2e%2e/tags/list");

    @Test
    void matchesExactlyWhatTheRegularExpressionsMatched() {
        TEMPLATES.forEach((template, regex) -> {
            PathTemplate path = PathTemplate.of(template);
            Pattern pattern = Pattern.compile(regex);
            for (String candidate : PATHS) {
                assertEquals(regexParams(pattern, candidate), path.match(candidate), template + " on " + candidate);
            }
        });
    }

    @Test
    void parametersArePercentDecodedButPlusStaysAPlus() {
        PathTemplate manifest = PathTemplate.of("/v2/{name}/manifests/{reference}");
        assertEquals(Map.of("name", "a/b", "reference", "A"), manifest.match("/v2/a%2Fb/manifests/%41"));
        assertEquals(Map.of("name", "a+b", "reference", "x"), manifest.match("/v2/a+b/manifests/x"));
        assertNull(manifest.match("/v2/a%zz/manifests/x"));
    }

    @Test
    void templatesMustHaveAWholeSegmentName() {
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.of("/v2/x{name}/tags"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.of("v2/{name}"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.of("/v2/{name}//x"));
    }

    private static Map<String, String> regexParams(Pattern pattern, String path) {
        Matcher matcher = pattern.matcher(path);
        if (!matcher.matches()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (String group : List.of("name", "digest", "uuid", "reference")) {
            if (pattern.pattern().contains("?<" + group + ">")) {
                params.put(group, URLDecoder.decode(matcher.group(group).replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
