package io.berth.storage.meta;

import java.util.List;

/**
 * One page of a listing in lexical order.
 *
 * @param items the names on this page
 * @param more  true when further items follow the last one
 */
public record Page(List<String> items, boolean more) {
    public Page {
        items = List.copyOf(items);
    }

    public String last() {
        return items.isEmpty() ? null : items.get(items.size() - 1);
    }
}
