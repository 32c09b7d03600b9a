package io.berth.storage.check;

import io.berth.storage.Store;
import io.berth.storage.blob.ContentReader;
import io.berth.storage.meta.ManifestRecord;
import io.berth.storage.model.Digest;
import io.berth.storage.model.RepositoryName;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a whole store: every blob's bytes hash to its digest and have its recorded size, every manifest's
 * references resolve in its repository, and every tag points at a stored manifest. Reads everything, so it
 * takes as long as reading the data once; used by {@code berth check} and by the crash tests.
 */
public final class StoreChecker {
    private final Store store;

    public StoreChecker(Store store) {
        this.store = store;
    }

    /** What a check found. */
    public record Report(int blobs, long bytes, int manifests, int tags, List<String> problems) {
        public boolean healthy() {
            return problems.isEmpty();
        }
    }

    public Report check() {
        List<String> problems = new ArrayList<>();
        int[] counts = new int[3];
        long[] bytes = new long[1];
        store.blobs().forEach((digest, record) -> {
            counts[0]++;
            bytes[0] += record.size();
            checkBlob(digest, problems);
        });
        store.manifests().forEach(entry -> {
            counts[1]++;
            checkManifest(entry.repository(), entry.manifest().digest(), entry.manifest().record(), problems);
        });
        store.manifests().forEachTag((repository, tag) -> {
            counts[2]++;
            if (store.manifests().find(repository, tag.getValue()).isEmpty()) {
                problems.add("tag " + repository + ":" + tag.getKey() + " points at missing manifest " + tag.getValue());
            }
        });
        return new Report(counts[0], bytes[0], counts[1], counts[2], List.copyOf(problems));
    }

    private void checkBlob(Digest digest, List<String> problems) {
        try {
            ContentReader reader = store.blobs().open(digest);
            MessageDigest hash = digest.algorithm().newMessageDigest();
            reader.hashInto(hash, reader.size());
            Digest actual = Digest.fromBytes(digest.algorithm(), hash.digest());
            if (!actual.equals(digest)) {
                problems.add("blob " + digest + " hashes to " + actual);
            }
        } catch (RuntimeException e) {
            problems.add("blob " + digest + " cannot be read: " + e.getMessage());
        }
    }

    private void checkManifest(RepositoryName repository, Digest digest, ManifestRecord record, List<String> problems) {
        for (String reference : record.references()) {
            Digest target = Digest.parse(reference);
            boolean present = record.children().contains(reference)
                    ? store.manifests().find(repository, target).isPresent()
                    : store.blobs().stat(repository, target).isPresent();
            if (!present) {
                problems.add("manifest " + repository + "@" + digest + " references missing " + reference);
            }
        }
    }
}
