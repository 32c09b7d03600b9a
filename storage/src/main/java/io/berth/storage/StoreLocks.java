package io.berth.storage;

import io.berth.storage.model.Digest;
import io.berth.storage.model.RepositoryName;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The locks that make read-check-write sequences safe within one Berth process.
 * <ul>
 *   <li>{@link #collection()}: writers that make a blob reachable (manifest puts, upload commits, mounts) hold
 *   the read side; garbage collection holds the write side while it deletes, so it never removes a blob that a
 *   concurrent push has just referenced.</li>
 *   <li>{@link #repository}: one of a fixed set of striped locks, serialising changes to the tags and manifests
 *   of one repository (two pushes of one tag never interleave their checks and writes).</li>
 *   <li>{@link #blob}: one of a fixed set of striped locks, serialising upload commits of one digest, so that
 *   two concurrent commits of the same content keep one copy (the second one sees the first one's record and
 *   drops its own chunks instead of overwriting the record and orphaning the first one's chunks).</li>
 * </ul>
 * Order: the collection lock before a repository or blob lock; a repository and a blob lock are never held
 * together.
 */
public final class StoreLocks {
    /** 64 stripes: plenty for 2 cores; collisions only serialise unrelated repositories briefly. */
    private static final int STRIPES = 64;

    private final ReentrantReadWriteLock collection = new ReentrantReadWriteLock();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final ReentrantLock[] blobStripes = new ReentrantLock[STRIPES];

    public StoreLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
            blobStripes[i] = new ReentrantLock();
        }
    }

    public ReentrantReadWriteLock collection() {
        return collection;
    }

    public ReentrantLock repository(RepositoryName name) {
        return stripes[Math.floorMod(name.value().hashCode(), STRIPES)];
    }

    public ReentrantLock blob(Digest digest) {
        return blobStripes[Math.floorMod(digest.hex().hashCode(), STRIPES)];
    }
}
