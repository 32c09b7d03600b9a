package io.berth.server;

import io.berth.server.config.ConfigException;
import io.berth.server.config.ConfigLoader;
import io.berth.server.config.ServerConfig;
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
            usage: berth serve [--listen HOST:PORT] [--data-dir DIR] [--config FILE]

              serve       run the registry (default 127.0.0.1:5000, data in ./berth-data)
              --listen    address and port to listen on
              --data-dir  the directory holding all of Berth's data
              --config    a YAML config file; BERTH_<SECTION>_<KEY> environment variables override it
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
        if (!args.get(0).equals("serve")) {
            System.err.println("berth: unknown command '" + args.get(0) + "'");
            System.err.print(USAGE);
            return 2;
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        Path configFile = null;
        for (int i = 1; i < args.size(); i++) {
            String option = args.get(i);
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
        return serve(config);
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
