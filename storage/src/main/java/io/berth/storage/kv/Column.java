package io.berth.storage.kv;

/**
 * The column families of Berth's store. Each holds one kind of record; {@code Keys} documents the key of each.
 * Blob bytes live apart from metadata so that their column can use RocksDB blob files and no compression.
 */
public enum Column {
    /** Blob content: content id + offset → one chunk of bytes. */
    BLOB_CHUNKS("blob_chunks", true),
    /** Blob index: digest → blob record (content id, size, times). */
    BLOBS("blobs", false),
    /** Upload sessions: upload id → upload record (repository, content id, offset). */
    UPLOADS("uploads", false),
    /** Repositories: name → repository record. */
    REPOSITORIES("repositories", false),
    /** Manifests: repository + digest → manifest record with its content. */
    MANIFESTS("manifests", false),
    /** Tags: repository + tag → digest. */
    TAGS("tags", false),
    /** Referrers: repository + subject digest + referrer digest → descriptor. */
    REFERRERS("referrers", false),
    /** Which repositories hold which blobs, both ways: repository + digest, and digest + repository. */
    LINKS("links", false),
    /** What manifests reference: referenced digest + repository + manifest digest → nothing. */
    REFS("refs", false),
    /** Identities and their policies (users, access keys, groups, roles, managed policies), and server secrets. */
    IAM("iam", false);

    private final String familyName;
    private final boolean bulk;

    Column(String familyName, boolean bulk) {
        this.familyName = familyName;
        this.bulk = bulk;
    }

    public String familyName() {
        return familyName;
    }

    /** True for the column holding blob bytes: large values, no compression, blob files. */
    public boolean bulk() {
        return bulk;
    }
}
