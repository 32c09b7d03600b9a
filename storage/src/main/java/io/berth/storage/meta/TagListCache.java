package io.berth.storage.meta;

import io.berth.storage.kv.Column;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.model.RepositoryName;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first page of the tag lists of recently listed repositories (the whole list for all but the largest), so
 * that tools polling {@code tags/list} are answered from memory. Each list is kept with the store's revisions of
 * the tag and repository columns read before it was listed, and is used only while neither has changed: any tag
 * or repository write anywhere makes every list be read again, so a cached list is never stale. Lookups take no
 * lock and never block.
 */
final class TagListCache {
    /** Repositories whose lists are kept. */
    static final int MAX_REPOSITORIES = 64;
    /** Tags kept over all lists: ~100 bytes each, at most ~10 MiB of heap. */
    static final int MAX_TAGS = 100_000;

    private record Entry(long tagsRevision, long repositoriesRevision, Page page) {
    }

    private final KeyValueStore kv;
    private final Map<RepositoryName, Entry> entries = new ConcurrentHashMap<>();
    /** Tags in {@link #entries}; guarded by this, like every insertion. */
    private int tags;

    TagListCache(KeyValueStore kv) {
        this.kv = kv;
    }

    /** Read both before listing a repository's tags for {@link #put}. */
    long[] revisions() {
        return new long[] {kv.revision(Column.TAGS), kv.revision(Column.REPOSITORIES)};
    }

    /** The first page of the repository's tags if it is known and nothing changed since it was read; else null. */
    Page get(RepositoryName repository) {
        Entry entry = entries.get(repository);
        if (entry == null) {
            return null;
        }
        if (entry.tagsRevision() != kv.revision(Column.TAGS)
                || entry.repositoriesRevision() != kv.revision(Column.REPOSITORIES)) {
            remove(repository, entry);
            return null;
        }
        return entry.page();
    }

    /** Keeps a first page read after {@link #revisions} returned {@code readAt}, unless it is already outdated. */
    synchronized void put(RepositoryName repository, long[] readAt, Page page) {
        if (page.items().size() > MAX_TAGS || !java.util.Arrays.equals(readAt, revisions())) {
            return;
        }
        Entry previous = entries.remove(repository);
        if (previous != null) {
            tags -= previous.page().items().size();
        }
        Iterator<Map.Entry<RepositoryName, Entry>> oldest = entries.entrySet().iterator();
        while (oldest.hasNext() && (entries.size() >= MAX_REPOSITORIES || tags + page.items().size() > MAX_TAGS)) {
            tags -= oldest.next().getValue().page().items().size();
            oldest.remove();
        }
        entries.put(repository, new Entry(readAt[0], readAt[1], page));
        tags += page.items().size();
    }

    private synchronized void remove(RepositoryName repository, Entry entry) {
        if (entries.remove(repository, entry)) {
            tags -= entry.page().items().size();
        }
    }
}
