package io.berth.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.berth.auth.identity.Account;
import io.berth.storage.StoreSettings;
import io.berth.storage.rocksdb.RocksSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link ServerConfig} from, in increasing precedence: defaults, a YAML (or JSON) config file,
 * {@code BERTH_<SECTION>_<KEY>} environment variables, and command-line options. Fails with every problem
 * listed when anything is unknown or invalid.
 */
public final class ConfigLoader {
    /** Every section and key Berth reads, for environment variables and documentation. */
    static final Map<String, Set<String>> KNOWN = Map.of(
            "server", Set.of("listen", "workerThreads", "eventLoops", "idleTimeout"),
            "storage", Set.of("dataDir", "chunkSize", "writeBufferSize", "blobFileSize"),
            "uploads", Set.of("purgeAfter"),
            "gc", Set.of("enabled", "interval", "grace"),
            "auth", Set.of("enabled", "accountId", "region", "tokenTtl", "dryRun"),
            "tls", Set.of("enabled", "certFile", "keyFile", "names"));

    private ConfigLoader() {
    }

    /**
     * @param file        a config file, or null
     * @param environment the process environment
     * @param overrides   command-line settings as {@code section.key → value}
     */
    public static ServerConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        ConfigSource source = new ConfigSource();
        if (file != null) {
            readFile(file, source);
        }
        source.applyEnvironment(environment, KNOWN);
        overrides.forEach((dotted, value) -> {
            int dot = dotted.indexOf('.');
            source.set(dotted.substring(0, dot), dotted.substring(dot + 1), value);
        });
        ServerConfig config = bind(source);
        List<String> problems = source.problemsIncludingUnknownKeys();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    public static ServerConfig defaults() {
        return load(null, Map.of(), Map.of());
    }

    private static ServerConfig bind(ConfigSource source) {
        String listen = source.string("server", "listen", ServerConfig.Server.DEFAULT_LISTEN);
        int colon = listen.lastIndexOf(':');
        String host = "127.0.0.1";
        int port = 5000;
        if (colon <= 0 || colon == listen.length() - 1) {
            source.problem("server.listen: expected HOST:PORT, got '" + listen + "'");
        } else {
            host = listen.substring(0, colon).replace("[", "").replace("]", "");
            try {
                port = Integer.parseInt(listen.substring(colon + 1));
                if (port < 0 || port > 65535) {
                    source.problem("server.listen: port out of range in '" + listen + "'");
                }
            } catch (NumberFormatException e) {
                source.problem("server.listen: expected HOST:PORT, got '" + listen + "'");
            }
        }
        int workers = source.integer("server", "workerThreads", ServerConfig.Server.DEFAULT_WORKER_THREADS);
        if (workers < 1) {
            source.problem("server.workerThreads: must be at least 1");
        }
        int eventLoops = source.integer("server", "eventLoops", ServerConfig.Server.DEFAULT_EVENT_LOOPS);
        if (eventLoops < 1 || eventLoops > 256) {
            source.problem("server.eventLoops: must be between 1 and 256");
        }
        java.time.Duration idleTimeout = source.duration("server", "idleTimeout",
                ServerConfig.Server.DEFAULT_IDLE_TIMEOUT);
        if (idleTimeout.isNegative()) {
            source.problem("server.idleTimeout: must not be negative");
        }
        long chunk = source.size("storage", "chunkSize", StoreSettings.DEFAULT_CHUNK_BYTES);
        if (chunk < 1024 || chunk > 16 << 20) {
            source.problem("storage.chunkSize: must be between 1k and 16m");
            chunk = StoreSettings.DEFAULT_CHUNK_BYTES;
        }
        ServerConfig.Storage storage = new ServerConfig.Storage(
                Path.of(source.string("storage", "dataDir", ServerConfig.Storage.DEFAULT_DATA_DIR)),
                (int) chunk,
                source.size("storage", "writeBufferSize", RocksSettings.DEFAULT_WRITE_BUFFER_BYTES),
                source.size("storage", "blobFileSize", RocksSettings.DEFAULT_BLOB_FILE_BYTES));
        ServerConfig.Uploads uploads = new ServerConfig.Uploads(
                source.duration("uploads", "purgeAfter", ServerConfig.Uploads.DEFAULT_PURGE_AFTER));
        ServerConfig.Gc gc = new ServerConfig.Gc(
                source.bool("gc", "enabled", true),
                source.duration("gc", "interval", ServerConfig.Gc.DEFAULT_INTERVAL),
                source.duration("gc", "grace", ServerConfig.Gc.DEFAULT_GRACE));
        if (gc.interval().isZero() || gc.interval().isNegative()) {
            source.problem("gc.interval: must be positive");
        }
        ServerConfig.Auth auth = new ServerConfig.Auth(
                source.bool("auth", "enabled", true),
                source.string("auth", "accountId", Account.DEFAULT_ACCOUNT_ID),
                source.string("auth", "region", Account.DEFAULT_REGION),
                source.duration("auth", "tokenTtl", ServerConfig.Auth.DEFAULT_TOKEN_TTL),
                source.bool("auth", "dryRun", false));
        if (!auth.accountId().matches("\\d{12}")) {
            source.problem("auth.accountId: must be 12 digits");
        }
        if (!auth.region().matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            source.problem("auth.region: expected a region name such as us-east-1");
        }
        if (auth.tokenTtl().compareTo(java.time.Duration.ofMinutes(1)) < 0) {
            source.problem("auth.tokenTtl: must be at least 1m");
        }
        String certFile = source.string("tls", "certFile", "");
        String keyFile = source.string("tls", "keyFile", "");
        if (certFile.isEmpty() != keyFile.isEmpty()) {
            source.problem("tls.certFile and tls.keyFile go together");
        }
        String names = source.string("tls", "names", "");
        ServerConfig.Tls tls = new ServerConfig.Tls(source.bool("tls", "enabled", false),
                certFile.isEmpty() ? null : Path.of(certFile), keyFile.isEmpty() ? null : Path.of(keyFile),
                names.isBlank() ? java.util.List.of() : java.util.Arrays.stream(names.split(","))
                        .map(String::strip).filter(name -> !name.isEmpty()).toList());
        return new ServerConfig(new ServerConfig.Server(host, port, workers, eventLoops, idleTimeout), storage,
                uploads, gc, auth, tls);
    }

    private static void readFile(Path file, ConfigSource source) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            source.problem("cannot read config file " + file + ": " + e.getMessage());
            return;
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return;
        }
        if (!root.isObject()) {
            source.problem("config file " + file + ": expected sections at the top level");
            return;
        }
        Map<String, JsonNode> sections = new LinkedHashMap<>();
        root.properties().forEach(e -> sections.put(e.getKey(), e.getValue()));
        sections.forEach((section, node) -> {
            if (!KNOWN.containsKey(section)) {
                source.problem("unknown section '" + section + "'");
            } else if (!node.isObject()) {
                source.problem("section '" + section + "' must hold key: value pairs");
            } else {
                node.properties().forEach(e -> {
                    if (e.getValue().isValueNode()) {
                        source.set(section, e.getKey(), e.getValue().asText());
                    } else {
                        source.problem(section + "." + e.getKey() + ": expected a single value");
                    }
                });
            }
        });
    }
}
