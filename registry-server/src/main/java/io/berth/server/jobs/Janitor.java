package io.berth.server.jobs;

import io.berth.server.config.ServerConfig;
import io.berth.server.http.Workers;
import io.berth.storage.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic upkeep while the server runs: purges abandoned uploads and collects unreferenced blobs. Each run
 * happens on a worker thread and never overlaps the previous one.
 */
public final class Janitor {
    private static final Logger LOG = LoggerFactory.getLogger(Janitor.class);

    private final Vertx vertx;
    private final Workers workers;
    private final Store store;
    private final ServerConfig config;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timerId = -1;

    public Janitor(Vertx vertx, Workers workers, Store store, ServerConfig config, Clock clock) {
        this.vertx = vertx;
        this.workers = workers;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    public void start() {
        Duration period = config.gc().interval();
        Duration purgeAfter = config.uploads().purgeAfter();
        long millis = Math.max(1000, Math.min(period.toMillis(), purgeAfter.toMillis()));
        timerId = vertx.setPeriodic(millis, id -> runOnce());
    }

    /** Runs one round now (also used by tests); completes when it is done. */
    public Future<Void> runOnce() {
        if (!running.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        return workers.run(() -> {
            int purged = store.uploads().purgeIdleSince(clock.instant().minus(config.uploads().purgeAfter()));
            if (purged > 0) {
                LOG.info("purged {} abandoned uploads", purged);
            }
            if (config.gc().enabled()) {
                store.collector().collect(config.gc().grace());
            }
        }).onComplete(done -> {
            running.set(false);
            if (done.failed()) {
                LOG.error("upkeep failed", done.cause());
            }
        });
    }

    public void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }
}
