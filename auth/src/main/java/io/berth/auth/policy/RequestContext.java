package io.berth.auth.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to authorize: who, which action ({@code ecr:PutImage}), on which resource (a repository ARN, or
 * {@code *} for registry-level actions such as {@code ecr:GetAuthorizationToken}), and the request's condition
 * context keys ({@code aws:SourceIp}, {@code aws:SecureTransport}, {@code ecr:ResourceTag/team}, ...).
 *
 * <p>Context key names are case-insensitive, as in IAM; they are stored in lower case. The principal's own keys
 * ({@code aws:username}, {@code aws:userid}, {@code aws:PrincipalArn}, {@code aws:PrincipalAccount},
 * {@code aws:PrincipalType}, {@code aws:PrincipalTag/...}) are derived from the principal unless given.
 */
public record RequestContext(RequestPrincipal principal, String action, String resource,
        Map<String, List<String>> contextKeys) {

    public RequestContext {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Map<String, List<String>> keys = new LinkedHashMap<>();
        contextKeys.forEach((key, values) -> keys.put(normalize(key), List.copyOf(values)));
        principalKeys(principal).forEach((key, values) -> keys.putIfAbsent(normalize(key), values));
        contextKeys = Map.copyOf(keys);
    }

    public static RequestContext of(RequestPrincipal principal, String action, String resource) {
        return new RequestContext(principal, action, resource, Map.of());
    }

    /** The same request for another action, with the same context. */
    public RequestContext withAction(String otherAction) {
        return new RequestContext(principal, otherAction, resource, contextKeys);
    }

    /** The same request on another resource, with the same context. */
    public RequestContext withResource(String otherResource) {
        return new RequestContext(principal, action, otherResource, contextKeys);
    }

    /** This request with one context key set (replacing any value it had). */
    public RequestContext with(String key, String... values) {
        Map<String, List<String>> keys = new LinkedHashMap<>(contextKeys);
        keys.put(normalize(key), Arrays.asList(values));
        return new RequestContext(principal, action, resource, keys);
    }

    /** This request with the resource's tags, under both {@code aws:ResourceTag/} and {@code ecr:ResourceTag/}. */
    public RequestContext withResourceTags(Map<String, String> tags) {
        Map<String, List<String>> keys = new LinkedHashMap<>(contextKeys);
        tags.forEach((tag, value) -> {
            keys.put(normalize("aws:ResourceTag/" + tag), List.of(value));
            keys.put(normalize("ecr:ResourceTag/" + tag), List.of(value));
        });
        return new RequestContext(principal, action, resource, keys);
    }

    /** This request with {@code aws:CurrentTime} and {@code aws:EpochTime} from the clock, unless already set. */
    RequestContext withTime(Clock clock) {
        if (hasKey("aws:CurrentTime") && hasKey("aws:EpochTime")) {
            return this;
        }
        Instant now = clock.instant();
        Map<String, List<String>> keys = new LinkedHashMap<>(contextKeys);
        keys.putIfAbsent(normalize("aws:CurrentTime"), List.of(DateTimeFormatter.ISO_INSTANT.format(now)));
        keys.putIfAbsent(normalize("aws:EpochTime"), List.of(Long.toString(now.getEpochSecond())));
        return new RequestContext(principal, action, resource, keys);
    }

    /** The values of a context key; empty when the request does not carry it. */
    public List<String> values(String key) {
        return contextKeys.getOrDefault(normalize(key), List.of());
    }

    public boolean hasKey(String key) {
        return !values(key).isEmpty();
    }

    /** The key's value when it has exactly one, as policy variables require. */
    Optional<String> singleValue(String key) {
        List<String> values = values(key);
        return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
    }

    /** The account that owns the resource, from its ARN; empty for {@code *} and for ARNs without one. */
    public Optional<String> resourceAccount() {
        int start = 0;
        for (int colons = 0; colons < 4; colons++) { // arn:partition:service:region:ACCOUNT:resource
            start = resource.indexOf(':', start) + 1;
            if (start == 0) {
                return Optional.empty();
            }
        }
        int end = resource.indexOf(':', start);
        return end > start ? Optional.of(resource.substring(start, end)) : Optional.empty();
    }

    static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    private static Map<String, List<String>> principalKeys(RequestPrincipal principal) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("aws:PrincipalArn", List.of(principal.entityArn()));
        keys.put("aws:PrincipalType", List.of(principal.type().principalType()));
        keys.put("aws:userid", List.of(principal.userId()));
        principal.accountId().ifPresent(account -> keys.put("aws:PrincipalAccount", List.of(account)));
        principal.userName().ifPresent(name -> keys.put("aws:username", List.of(name)));
        principal.tags().forEach((tag, value) -> keys.put("aws:PrincipalTag/" + tag, List.of(value)));
        return keys;
    }
}
