package io.berth.server;

import io.berth.server.config.ConfigException;
import io.berth.server.config.ConfigLoader;
import io.berth.server.cli.ClientCommands;
import io.berth.server.config.ServerConfig;
import io.berth.storage.Store;
import io.berth.storage.check.StoreChecker;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code berth} command line. */
public final class Main {
    private static final String USAGE = """
            usage: berth serve [--listen HOST:PORT] [--data-dir DIR] [--config FILE] [--tls]
                   berth check [--data-dir DIR] [--config FILE]
                   berth get-login-password [--endpoint-url URL] [--region REGION] [--data-dir DIR]
                   berth create-pull-credential --repositories P1,P2 [--days N] [--endpoint-url URL] ...
                   berth policy simulate --principal ARN --action ACTION [--resource ARN] [--context K=V]...

              serve       run the registry (default 127.0.0.1:5000, data in ./berth-data)
              get-login-password
                          print a registry password for docker login --username AWS --password-stdin,
                          like aws ecr get-login-password (credentials from AWS_ACCESS_KEY_ID/...,
                          AWS_PROFILE, or the berth profile in DIR/credentials)
              create-pull-credential
                          print (JSON) a pull-only login limited to the repositories (glob patterns)
                          valid for N days (default 30, at most 366), for cluster nodes
              policy simulate
                          print the decision for a principal, action, resource and context, with the
                          statements that made it (exit 0 allowed, 1 denied)
              check       verify a stopped Berth's store: every blob hashes to its digest, every
                          manifest's references and every tag resolve (exit 0 healthy, 1 not)
              --listen    address and port to listen on
              --data-dir  the directory holding all of Berth's data
              --config    a YAML config file; BERTH_<SECTION>_<KEY> environment variables override it
              --tls       serve HTTPS with a certificate from Berth's own CA (made on first start in
                          DIR/tls; Berth prints how to trust it), or tls.certFile/keyFile
            """;

    /** Time given to in-flight requests and storage work on SIGTERM before the store is closed anyway. */
    private static final long SHUTDOWN_SECONDS = 15;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(List.of(args));
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(List<String> args) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            System.out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.get(0);
        if (command.equals("get-login-password")) {
            return ClientCommands.run(args.subList(1, args.size()), System.getenv(), System.out, System.err);
        }
        if (command.equals("policy") && args.size() > 1 && args.get(1).equals("simulate")) {
            return ClientCommands.runSimulate(args.subList(2, args.size()), System.getenv(), System.out, System.err);
        }
        if (command.equals("create-pull-credential")) {
            return ClientCommands.runPullCredential(args.subList(1, args.size()), System.getenv(), System.out,
                    System.err);
        }
        if (!command.equals("serve") && !command.equals("check")) {
            System.err.println("berth: unknown command '" + args.get(0) + "'");
            System.err.print(USAGE);
            return 2;
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        Path configFile = null;
        for (int i = 1; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--tls")) {
                overrides.put("tls.enabled", "true");
                continue;
            }
            if (i + 1 >= args.size()) {
                System.err.println("berth: " + option + " needs a value");
                return 2;
            }
            String value = args.get(++i);
            switch (option) {
                case "--listen" -> overrides.put("server.listen", value);
                case "--data-dir" -> overrides.put("storage.dataDir", value);
                case "--config" -> configFile = Path.of(value);
                default -> {
                    System.err.println("berth: unknown option " + option);
                    System.err.print(USAGE);
                    return 2;
                }
            }
        }
        ServerConfig config;
        try {
            config = ConfigLoader.load(configFile, System.getenv(), overrides);
        } catch (ConfigException e) {
            System.err.println("berth: " + e.getMessage());
            return 2;
        }
        return command.equals("check") ? check(config) : serve(config);
    }

    private static int check(ServerConfig config) {
        Path storeDir = config.storage().dataDir().resolve(BerthServer.STORE_DIRECTORY);
        if (!java.nio.file.Files.isDirectory(storeDir)) {
            System.err.println("berth: no store in " + config.storage().dataDir());
            return 1;
        }
        try (Store store = BerthServer.openStore(config, Clock.systemUTC())) {
            StoreChecker.Report report = new StoreChecker(store).check();
            System.out.printf("checked %d blobs (%d bytes), %d manifests, %d tags%n", report.blobs(), report.bytes(),
                    report.manifests(), report.tags());
            report.problems().forEach(problem -> System.out.println("problem: " + problem));
            System.out.println(report.healthy() ? "store is healthy" : report.problems().size() + " problems");
            return report.healthy() ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("berth: cannot open the store (is Berth still running?): " + e.getMessage());
            return 1;
        }
    }

    private static int serve(ServerConfig config) {
        Logger log = LoggerFactory.getLogger(Main.class);
        Vertx vertx = Vertx.vertx();
        BerthServer server;
        try {
            server = BerthServer.start(vertx, config, Clock.systemUTC()).await();
        } catch (RuntimeException e) {
            System.err.println("berth: cannot start: " + e.getMessage());
            vertx.close().await();
            return 1;
        }
        log.info("berth listening on http://{}:{} with data in {}", config.server().host(), server.port(),
                config.storage().dataDir().toAbsolutePath().normalize());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("berth stopping");
            try {
                server.stop().toCompletionStage().toCompletableFuture().get(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("graceful stop did not finish: {}", e.toString());
            } finally {
                server.store().close(); // idempotent; the store must be closed even if Vert.x stopped first
                stopped.countDown();
            }
        }, "berth-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
