package io.berth.server.access;

import io.berth.auth.policy.NamedPolicy;
import io.berth.auth.policy.PolicyDocument;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed policy documents by their text, so a request does not parse the same JSON again. Documents are
 * immutable values; a changed policy is a new text and a new entry.
 */
final class PolicyCache {
    /** Enough for every policy of a large local setup; the cache is simply emptied when it fills up. */
    private static final int MAX_ENTRIES = 4096;

    private final Map<String, PolicyDocument> identity = new ConcurrentHashMap<>();
    private final Map<String, PolicyDocument> resource = new ConcurrentHashMap<>();

    NamedPolicy identity(String name, String text) {
        return new NamedPolicy(name, parse(identity, text, true));
    }

    NamedPolicy resource(String name, String text) {
        return new NamedPolicy(name, parse(resource, text, false));
    }

    private static PolicyDocument parse(Map<String, PolicyDocument> cache, String text, boolean identityPolicy) {
        PolicyDocument cached = cache.get(text);
        if (cached != null) {
            return cached;
        }
        PolicyDocument parsed = identityPolicy ? PolicyDocument.parseIdentity(text) : PolicyDocument.parseResource(text);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(text, parsed);
        return parsed;
    }
}
