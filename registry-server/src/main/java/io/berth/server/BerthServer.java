package io.berth.server;

import io.berth.server.config.ServerConfig;
import io.berth.server.access.AccessCache;
import io.berth.server.access.PolicySimulator;
import io.berth.server.access.RegistryAccess;
import io.berth.server.access.Security;
import io.berth.server.access.TokenLogins;
import io.berth.server.aws.AwsApiHandler;
import io.berth.server.aws.AwsService;
import io.berth.server.aws.iam.IamService;
import io.berth.server.aws.sts.StsService;
import io.berth.server.ecr.EcrService;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.berth.server.http.MemoryBudget;
import io.berth.server.http.HttpVerticle;
import io.berth.server.http.Routes;
import io.berth.server.http.Workers;
import io.berth.server.jobs.Janitor;
import io.berth.server.oci.BlobHandlers;
import io.berth.server.oci.ListingHandlers;
import io.berth.server.oci.ManifestHandlers;
import io.berth.server.oci.UploadHandlers;
import io.berth.storage.Store;
import io.berth.storage.StoreSettings;
import io.berth.storage.rocksdb.RocksSettings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.berth.auth.tls.ServerNames;
import io.berth.auth.tls.TlsBootstrap;
import io.berth.auth.tls.TlsMaterial;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A running Berth: the store, the worker pool, the HTTP server and the upkeep jobs, wired in one place.
 * {@link #start} and {@link #stop} return futures; tests start it on port 0 with a temporary data directory.
 */
public final class BerthServer {
    private static final Logger LOG = LoggerFactory.getLogger(BerthServer.class);
    /** HTTP request headers larger than this are refused: registries see small headers, except tokens. */
    private static final int MAX_HEADER_BYTES = 64 << 10;

    private final Vertx vertx;
    private final Store store;
    private final Security security;
    private final Workers workers;
    private final Listening http;
    private final Janitor janitor;
    private final TlsMaterial tls;

    private BerthServer(Vertx vertx, Store store, Security security, Workers workers, Listening http,
                        Janitor janitor, TlsMaterial tls) {
        this.tls = tls;
        this.vertx = vertx;
        this.store = store;
        this.security = security;
        this.workers = workers;
        this.http = http;
        this.janitor = janitor;
    }

    /** Opens the store (on a worker thread) and starts listening. */
    public static Future<BerthServer> start(Vertx vertx, ServerConfig config, Clock clock) {
        return start(vertx, config, clock, System.getenv());
    }

    /** Like {@link #start(Vertx, ServerConfig, Clock)} with the environment the root key presets come from. */
    public static Future<BerthServer> start(Vertx vertx, ServerConfig config, Clock clock,
                                            Map<String, String> environment) {
        Workers workers = new Workers(vertx.createSharedWorkerExecutor("berth-storage",
                config.server().workerThreads()));
        return workers.run(() -> openStore(config, clock)).compose(store -> workers
                .run(() -> Security.open(config, store, clock, environment))
                .compose(security -> workers.run(() -> tlsMaterial(config)).compose(tls -> {
                    Router router = router(vertx, config, store, security, workers, clock);
                    HttpServerOptions options = new HttpServerOptions()
                            .setHost(config.server().host())
                            .setPort(config.server().port())
                            .setMaxHeaderSize(MAX_HEADER_BYTES)
                            .setCompressionSupported(false)
                            .setIdleTimeout((int) Math.min(Integer.MAX_VALUE,
                                    config.server().idleTimeout().toSeconds()))
                            .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
                    if (tls != null) {
                        options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                                .setCertPath(tls.certificateChain().toString())
                                .setKeyPath(tls.privateKey().toString()));
                    }
                    Janitor janitor = new Janitor(vertx, workers, store, config, clock);
                    return listen(vertx, router, options, config.server().eventLoops()).map(deployment -> {
                        janitor.start();
                        if (tls != null) {
                            LOG.info("serving HTTPS\n{}", tls.trustInstructions(config.server().host() + ":"
                                    + deployment.port()));
                        }
                        return new BerthServer(vertx, store, security, workers, deployment, janitor, tls);
                    });
                }))
                .recover(failure -> workers.run(store::close).compose(closed -> Future.failedFuture(failure))));
    }

    /** The certificate and key to serve HTTPS with (generated on first use unless configured), or null. */
    private static TlsMaterial tlsMaterial(ServerConfig config) {
        ServerConfig.Tls tls = config.tls();
        if (!tls.enabled()) {
            return null;
        }
        if (tls.certFile() != null) {
            return TlsBootstrap.loadUserMaterial(tls.certFile(), tls.keyFile());
        }
        List<String> names = new java.util.ArrayList<>(tls.names());
        String host = config.server().host();
        if (!host.equals("0.0.0.0") && !host.equals("::")) {
            names.add(host);
        }
        return new TlsBootstrap(config.storage().dataDir().resolve(TLS_DIRECTORY))
                .ensureLocalMaterial(ServerNames.localDefaults(names));
    }

    private static Router router(Vertx vertx, ServerConfig config, Store store, Security security, Workers workers,
                                 Clock clock) {
        TokenLogins logins = new TokenLogins(security.tokens());
        List<AwsService> services = List.of(
                new EcrService(security.account(), security.authorizer(), logins, store.repositories(),
                        security.registryPolicy(), new PolicySimulator(security.identities(), security.authorizer())),
                new IamService(security.identities(), security.managedPolicies(), security.authorizer()),
                new StsService(security.identities(), security.evaluator()));
        MemoryBudget memory = MemoryBudget.ofHeap();
        AwsApiHandler awsApi = new AwsApiHandler(security.verifier(), security.identities(), services, workers,
                memory);
        RegistryAccess access = new RegistryAccess(security.identities(), logins, security.authorizer(), workers,
                new AccessCache(security.accessRevision(), clock));
        if (!config.auth().enabled()) {
            LOG.warn("authentication is switched off (auth.enabled=false): anyone who can reach Berth may push"
                    + " and pull");
        }
        return Routes.router(vertx, Routes.table(
                        new ListingHandlers(store.repositories(), store.manifests(), store.referrers(), workers),
                        new BlobHandlers(store.blobs(), workers),
                        new UploadHandlers(store.uploads(), workers, config.storage().chunkBytes()),
                        new ManifestHandlers(store.manifests(), workers, memory)),
                config.auth().enabled() ? access::forAction : null, awsApi);
    }

    /** A started set of HTTP server instances sharing one port. */
    private record Listening(int port, List<String> deployments) {
    }

    /**
     * Deploys {@code instances} servers on one port, each on its own event loop; Vert.x shares the port among
     * them. Port 0 (any free port) is served by one instance: servers on port 0 would each bind a port of their
     * own.
     */
    private static Future<Listening> listen(Vertx vertx, Router router, HttpServerOptions options, int instances) {
        List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
        return vertx.deployVerticle(() -> {
            HttpVerticle verticle = new HttpVerticle(router, options);
            verticles.add(verticle);
            return verticle;
        }, new DeploymentOptions().setInstances(options.getPort() == 0 ? 1 : instances))
                .map(id -> new Listening(verticles.get(0).port(), List.of(id)));
    }

    /** Where generated TLS material lives inside the data directory. */
    public static final String TLS_DIRECTORY = "tls";

    /** The store's directory inside the data directory. */
    public static final String STORE_DIRECTORY = "store";

    /** Opens the store of {@code config}'s data directory (blocking). */
    public static Store openStore(ServerConfig config, Clock clock) {
        ServerConfig.Storage storage = config.storage();
        RocksSettings rocks = new RocksSettings(storage.writeBufferBytes(), storage.blobFileBytes(),
                RocksSettings.DEFAULT_BLOCK_CACHE_BYTES);
        return Store.open(storage.dataDir().resolve(STORE_DIRECTORY), new StoreSettings(storage.chunkBytes(), rocks), clock);
    }

    public int port() {
        return http.port();
    }

    public Store store() {
        return store;
    }

    /** Identities, tokens and the root's key: for the command line and tests. */
    public Security security() {
        return security;
    }

    /** The TLS material served, or empty when serving plain HTTP. */
    public java.util.Optional<TlsMaterial> tls() {
        return java.util.Optional.ofNullable(tls);
    }

    public Janitor janitor() {
        return janitor;
    }

    /** Stops listening, lets in-flight storage work finish, then closes the store. */
    public Future<Void> stop() {
        janitor.stop();
        Future<Void> undeployed = Future.succeededFuture();
        for (String id : http.deployments()) {
            undeployed = undeployed.compose(done -> vertx.undeploy(id));
        }
        return undeployed
                .compose(closed -> workers.run(store::close))
                .compose(closed -> workers.close());
    }

    Vertx vertx() {
        return vertx;
    }
}
