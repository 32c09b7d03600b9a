package io.berth.storage.meta;

/**
 * A repository's persisted settings.
 *
 * @param name      the repository name
 * @param createdAt epoch millis of its creation
 */
public record RepositoryRecord(String name, long createdAt) {
}
