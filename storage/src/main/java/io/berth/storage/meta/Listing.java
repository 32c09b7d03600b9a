package io.berth.storage.meta;

import io.berth.storage.kv.Column;
import io.berth.storage.kv.Cursor;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.Keys;
import java.util.ArrayList;
import java.util.List;

/** Pages through the keys under a prefix, taking the last NUL-separated part of each key as the item. */
final class Listing {
    /** The most items one page returns when the client asks for none or for more. */
    static final int MAX_PAGE = 10_000;

    private Listing() {
    }

    /**
     * @param last  return items strictly after this one (null: from the start)
     * @param limit at most this many (null: {@link #MAX_PAGE})
     */
    static Page page(KeyValueStore kv, Column column, byte[] prefix, String last, Integer limit) {
        int max = limit == null ? MAX_PAGE : Math.min(limit, MAX_PAGE);
        byte[] from = prefix;
        if (last != null) {
            byte[] lastKey = concat(prefix, Keys.utf8(last));
            from = concat(lastKey, new byte[] {0});
        }
        List<String> items = new ArrayList<>();
        byte[] to = prefix.length == 0 ? new byte[] {(byte) 0xFF} : Keys.prefixEnd(prefix);
        try (Cursor cursor = kv.scan(column, from, to)) {
            while (cursor.next()) {
                if (items.size() == max) {
                    return new Page(items, true);
                }
                byte[] key = cursor.key(); // one copy out of RocksDB per entry, not two
                items.add(new String(key, prefix.length, key.length - prefix.length,
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return new Page(items, false);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
