package io.berth.server.aws.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * IAM's {@code Marker} / {@code MaxItems} pagination. The marker is the (base64url-encoded) key of the first item
 * of the next page, so a page stays correct when items before it are added or removed meanwhile.
 */
public final class Paging {
    /** IAM's default page size when MaxItems is not given. */
    public static final int DEFAULT_MAX_ITEMS = 100;
    /** IAM's largest MaxItems (maxItemsType). */
    public static final int MAX_ITEMS = 1000;

    /** One page: its items, and the marker of the next page when there is one. */
    public record Page<T>(List<T> items, Optional<String> nextMarker) {
        public Page {
            items = List.copyOf(items);
        }

        /** Writes {@code <IsTruncated>} and, when truncated, {@code <Marker>}. */
        public void writeTruncation(XmlWriter xml) {
            xml.element("IsTruncated", nextMarker.isPresent());
            nextMarker.ifPresent(marker -> xml.element("Marker", marker));
        }
    }

    private Paging() {
    }

    /** The page the request's {@code Marker} and {@code MaxItems} select, items ordered by {@code key}. */
    public static <T> Page<T> page(List<T> items, Function<T, String> key, QueryForm form) {
        int maxItems = form.integer("MaxItems", 1, MAX_ITEMS).orElse(DEFAULT_MAX_ITEMS);
        Optional<String> from = form.string(Field.text("Marker", 1, 320)).map(Paging::decodeMarker);
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(key));
        List<T> rest = from.map(start -> sorted.stream().filter(item -> key.apply(item).compareTo(start) >= 0)
                .toList()).orElse(sorted);
        if (rest.size() <= maxItems) {
            return new Page<>(rest, Optional.empty());
        }
        return new Page<>(rest.subList(0, maxItems), Optional.of(encodeMarker(key.apply(rest.get(maxItems)))));
    }

    private static String encodeMarker(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeMarker(String marker) {
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw QueryException.validation("Invalid Marker.");
        }
    }
}
