package io.berth.server.testing;

import io.berth.server.BerthServer;
import io.berth.server.config.ConfigLoader;
import io.berth.server.config.ServerConfig;
import io.vertx.core.Vertx;
import io.berth.auth.sigv4.AwsCredentials;
import io.berth.server.aws.AwsApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real Berth for tests: started on 127.0.0.1 on a free port with its data in a directory the test owns,
 * stopped (and its Vert.x closed) by {@link #close}.
 */
public final class TestBerth implements AutoCloseable {
    private final Vertx vertx;
    private final BerthServer server;
    private final Path dataDir;

    private TestBerth(Vertx vertx, BerthServer server, Path dataDir) {
        this.vertx = vertx;
        this.server = server;
        this.dataDir = dataDir;
    }

    public static TestBerth start(Path dataDir) {
        return start(dataDir, Map.of(), Clock.systemUTC());
    }

    /**
     * @param settings extra settings as {@code section.key → value} (e.g. {@code gc.grace → 0s})
     */
    public static TestBerth start(Path dataDir, Map<String, String> settings, Clock clock) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.listen", "127.0.0.1:0");
        all.put("storage.dataDir", dataDir.toString());
        all.put("server.workerThreads", "8");
        all.putAll(settings);
        ServerConfig config = ConfigLoader.load(null, Map.of(), all);
        Vertx vertx = Vertx.vertx();
        try {
            return new TestBerth(vertx, BerthServer.start(vertx, config, clock).await(), dataDir);
        } catch (RuntimeException e) {
            vertx.close().await();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    /** {@code 127.0.0.1:PORT}, as image references and clients want it. */
    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    public String baseUrl() {
        return "http://" + hostPort();
    }

    /** The root's credentials (written to DATA_DIR/credentials on first start). */
    public AwsCredentials rootCredentials() {
        var key = server.security().rootKey();
        return AwsCredentials.of(key.accessKeyId(), key.secret());
    }

    /** A registry password for the root, fetched with a signed GetAuthorizationToken call as clients do. */
    public String loginPassword() {
        return loginPassword(rootCredentials());
    }

    public String loginPassword(AwsCredentials credentials) {
        try {
            return new AwsApiClient(URI.create(baseUrl()), credentials, "us-east-1").loginPassword();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A registry client logged in as the root. */
    public RegistryClient client() {
        return RegistryClient.withPassword(baseUrl(), loginPassword());
    }

    /** A registry client without credentials. */
    public RegistryClient anonymousClient() {
        return new RegistryClient(baseUrl());
    }

    public BerthServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            server.stop().await();
        } finally {
            vertx.close().await();
        }
    }
}
