package io.berth.server.http;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/**
 * The named worker pool for blocking work (RocksDB calls, hashing, fsync). Tasks run unordered, so one slow
 * request never queues the others of its connection behind it.
 */
public final class Workers {
    private final WorkerExecutor executor;

    public Workers(WorkerExecutor executor) {
        this.executor = executor;
    }

    public <T> Future<T> run(Callable<T> task) {
        return executor.executeBlocking(task, false);
    }

    public Future<Void> run(Runnable task) {
        return executor.executeBlocking(() -> {
            task.run();
            return null;
        }, false);
    }

    public Future<Void> close() {
        return executor.close();
    }
}
