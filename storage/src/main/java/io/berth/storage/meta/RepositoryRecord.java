package io.berth.storage.meta;

/**
 * A repository's persisted settings.
 *
 * @param name      the repository name
 * @param createdAt epoch millis of its creation
 * @param policy    the repository policy document (JSON text), or null
 */
public record RepositoryRecord(String name, long createdAt, String policy) {
    public RepositoryRecord withPolicy(String document) {
        return new RepositoryRecord(name, createdAt, document);
    }
}
