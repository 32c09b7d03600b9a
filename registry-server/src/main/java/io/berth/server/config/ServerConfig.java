package io.berth.server.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Berth's whole configuration, one record per section, each section's defaults beside it.
 */
public record ServerConfig(Server server, Storage storage, Uploads uploads, Gc gc, Auth auth, Tls tls) {

    /**
     * @param host          address to listen on
     * @param port          port to listen on (0: any free port)
     * @param workerThreads threads for storage work (RocksDB calls, hashing) off the event loop
     * @param eventLoops    HTTP server instances, each on its own event loop, sharing the port
     * @param idleTimeout   a connection that neither sends nor takes a byte for this long is closed (zero: never)
     */
    public record Server(String host, int port, int workerThreads, int eventLoops, Duration idleTimeout) {
        public static final String DEFAULT_LISTEN = "127.0.0.1:5000";
        /** 32: storage calls are short, but hashing and fsync of many parallel pushes should not queue. */
        public static final int DEFAULT_WORKER_THREADS = 32;
        /** One per core: the event loops only parse, route and copy; blocking work is on the workers. */
        public static final int DEFAULT_EVENT_LOOPS = Runtime.getRuntime().availableProcessors();
        /**
         * 5 minutes: far above any pause of a working client (transfers move bytes all along, and clients keep
         * idle connections for a minute or two), short enough that abandoned or stalled connections go.
         */
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    }

    /**
     * @param dataDir         the one directory holding all of Berth's data
     * @param chunkBytes      size of the chunks blobs are split into
     * @param writeBufferBytes RocksDB memtable size of the blob column
     * @param blobFileBytes   RocksDB blob file size
     */
    public record Storage(Path dataDir, int chunkBytes, long writeBufferBytes, long blobFileBytes) {
        public static final String DEFAULT_DATA_DIR = "./berth-data";
    }

    /**
     * @param purgeAfter an upload not written to for this long is removed with its bytes
     */
    public record Uploads(Duration purgeAfter) {
        /** A day, as the CNCF registry's default upload purging age (168h there; a day is plenty for resumes). */
        public static final Duration DEFAULT_PURGE_AFTER = Duration.ofHours(24);
    }

    /**
     * @param enabled  whether online garbage collection runs
     * @param interval time between two collections
     * @param grace    a blob committed, mounted or linked within this time is never collected, so a blob
     *                 uploaded for a manifest not pushed yet is safe
     */
    public record Gc(boolean enabled, Duration interval, Duration grace) {
        public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
        public static final Duration DEFAULT_GRACE = Duration.ofHours(1);
    }

    /**
     * @param enabled   false serves everyone without credentials (a warning is logged): for throw-away local use
     * @param accountId the account id in every ARN
     * @param region    the region in repository ARNs
     * @param tokenTtl  how long a login password from GetAuthorizationToken works
     * @param dryRun    log what policies would deny instead of denying it, to try policies out safely
     */
    public record Auth(boolean enabled, String accountId, String region, Duration tokenTtl, boolean dryRun) {
        /** 12 hours, as ECR's authorization tokens. */
        public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(12);
    }

    /**
     * @param enabled  serve HTTPS
     * @param certFile a PEM certificate chain (server certificate first) to use instead of generated material
     * @param keyFile  its PEM private key
     * @param names    extra host names and IP addresses for the generated certificate (localhost, 127.0.0.1,
     *                 ::1, the machine's name and the listen address are always in it)
     */
    public record Tls(boolean enabled, Path certFile, Path keyFile, java.util.List<String> names) {
        public Tls {
            names = java.util.List.copyOf(names);
        }
    }
}
