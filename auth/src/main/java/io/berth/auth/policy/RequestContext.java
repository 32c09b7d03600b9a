package io.berth.auth.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
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
 * {@code aws:PrincipalType}, {@code aws:PrincipalTag/...}) and, once {@link #withTime} has run, the clock's
 * ({@code aws:CurrentTime}, {@code aws:EpochTime}) are derived when a condition asks for them, unless given.
 * Every registry request is authorized through one of these, so building one copies nothing when the given keys
 * are already an immutable map in lower case, and derives nothing that no condition reads.
 */
public final class RequestContext {
    private static final String PRINCIPAL_TAG = "aws:principaltag/";

    private final RequestPrincipal principal;
    private final String action;
    private final String resource;
    /** The given keys, in lower case; the derived ones are not in it. */
    private final Map<String, List<String>> contextKeys;
    /** The request's time for {@code aws:CurrentTime} and {@code aws:EpochTime}, or null before {@link #withTime}. */
    private final Instant time;

    public RequestContext(RequestPrincipal principal, String action, String resource,
            Map<String, List<String>> contextKeys) {
        this(principal, action, resource, normalized(contextKeys), null);
    }

    private RequestContext(RequestPrincipal principal, String action, String resource,
            Map<String, List<String>> normalizedKeys, Instant time) {
        this.principal = Objects.requireNonNull(principal, "principal");
        this.action = Objects.requireNonNull(action, "action");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.contextKeys = normalizedKeys;
        this.time = time;
    }

    public static RequestContext of(RequestPrincipal principal, String action, String resource) {
        return new RequestContext(principal, action, resource, Map.of(), null);
    }

    /** The keys of the connection a request came on: {@code aws:SourceIp} and {@code aws:SecureTransport}. */
    public static Map<String, List<String>> connectionKeys(String sourceIp, boolean secureTransport) {
        return Map.of("aws:sourceip", List.of(sourceIp),
                "aws:securetransport", List.of(String.valueOf(secureTransport)));
    }

    public RequestPrincipal principal() {
        return principal;
    }

    public String action() {
        return action;
    }

    public String resource() {
        return resource;
    }

    /** The context keys the request was given (in lower case), without the ones derived from principal and clock. */
    public Map<String, List<String>> contextKeys() {
        return contextKeys;
    }

    /** The same request for another action, with the same context. */
    public RequestContext withAction(String otherAction) {
        return new RequestContext(principal, otherAction, resource, contextKeys, time);
    }

    /** The same request on another resource, with the same context. */
    public RequestContext withResource(String otherResource) {
        return new RequestContext(principal, action, otherResource, contextKeys, time);
    }

    /** This request with one context key set (replacing any value it had). */
    public RequestContext with(String key, String... values) {
        Map<String, List<String>> keys = new HashMap<>(contextKeys);
        keys.put(normalize(key), List.of(values));
        return new RequestContext(principal, action, resource, Map.copyOf(keys), time);
    }

    /** This request with the resource's tags, under both {@code aws:ResourceTag/} and {@code ecr:ResourceTag/}. */
    public RequestContext withResourceTags(Map<String, String> tags) {
        Map<String, List<String>> keys = new HashMap<>(contextKeys);
        tags.forEach((tag, value) -> {
            keys.put(normalize("aws:ResourceTag/" + tag), List.of(value));
            keys.put(normalize("ecr:ResourceTag/" + tag), List.of(value));
        });
        return new RequestContext(principal, action, resource, Map.copyOf(keys), time);
    }

    /** This request with {@code aws:CurrentTime} and {@code aws:EpochTime} from the clock, unless already set. */
    RequestContext withTime(Clock clock) {
        return time != null ? this : new RequestContext(principal, action, resource, contextKeys, clock.instant());
    }

    /** The values of a context key; empty when the request does not carry it. */
    public List<String> values(String key) {
        String name = normalize(key);
        List<String> given = contextKeys.get(name);
        return given != null ? given : derived(name);
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

    /** A key the request was not given, from the principal or the clock; empty when neither has it. */
    private List<String> derived(String name) {
        return switch (name) {
            case "aws:principalarn" -> List.of(principal.entityArn());
            case "aws:principaltype" -> List.of(principal.type().principalType());
            case "aws:userid" -> List.of(principal.userId());
            case "aws:principalaccount" -> principal.accountId().map(List::of).orElse(List.of());
            case "aws:username" -> principal.userName().map(List::of).orElse(List.of());
            case "aws:currenttime" -> time == null ? List.of() : List.of(DateTimeFormatter.ISO_INSTANT.format(time));
            case "aws:epochtime" -> time == null ? List.of() : List.of(Long.toString(time.getEpochSecond()));
            default -> name.startsWith(PRINCIPAL_TAG) ? principalTag(name.substring(PRINCIPAL_TAG.length()))
                    : List.of();
        };
    }

    /** Tag keys compare without regard to case, as {@code aws:PrincipalTag/} keys do. */
    private List<String> principalTag(String lowerCaseTag) {
        for (Map.Entry<String, String> tag : principal.tags().entrySet()) {
            if (normalize(tag.getKey()).equals(lowerCaseTag)) {
                return List.of(tag.getValue());
            }
        }
        return List.of();
    }

    /**
     * The given keys in lower case, each with an immutable list of values. Registry requests pass a {@code Map.of}
     * of lower-case keys and {@code List.of} values: that is returned as it is, without a copy.
     */
    private static Map<String, List<String>> normalized(Map<String, List<String>> given) {
        Map<String, List<String>> immutable = Map.copyOf(given); // the same map when it already is immutable
        for (Map.Entry<String, List<String>> entry : immutable.entrySet()) {
            if (!normalize(entry.getKey()).equals(entry.getKey())
                    || List.copyOf(entry.getValue()) != entry.getValue()) {
                Map<String, List<String>> keys = new HashMap<>();
                given.forEach((key, values) -> keys.put(normalize(key), List.copyOf(values)));
                return Map.copyOf(keys);
            }
        }
        return immutable;
    }

    @Override
    public String toString() {
        return "RequestContext[principal=" + principal.arn() + ", action=" + action + ", resource=" + resource
                + ", contextKeys=" + contextKeys + "]";
    }
}
