package io.berth.server.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Admits requests whose bodies are read whole and parsed (manifests, AWS API calls) by the heap they may take,
 * so that many large ones at once wait their turn instead of exhausting the heap: a 4 MiB manifest takes about
 * ten times its size while it is parsed, and thirty of them at once would not fit a 256 MiB heap. Requests are
 * admitted in arrival order; one that needs more than the whole budget runs alone. Small requests (nearly all of
 * them) never wait while the budget has room.
 */
public final class MemoryBudget {
    /** Heap a request takes per byte of body while it is read, copied and parsed into a JSON tree (measured ~10). */
    public static final int PARSE_FACTOR = 12;

    private final long capacity;
    private long available;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

    private record Waiter(long bytes, Context context, Promise<Void> admitted) {
    }

    public MemoryBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.available = capacity;
    }

    /** A quarter of the JVM's maximum heap. */
    public static MemoryBudget ofHeap() {
        return new MemoryBudget(Runtime.getRuntime().maxMemory() / 4);
    }

    /**
     * Runs {@code work} once {@code bytes} of the budget are free, and gives them back when its future completes
     * or the request's response ends or closes, whichever comes first. A request whose connection closed while it
     * waited is not run.
     */
    public <T> Future<T> run(RoutingContext ctx, long bytes, Supplier<Future<T>> work) {
        long amount = Math.max(1, Math.min(bytes, capacity));
        return admit(amount).compose(admitted -> {
            AtomicBoolean released = new AtomicBoolean();
            Runnable release = () -> {
                if (released.compareAndSet(false, true)) {
                    give(amount);
                }
            };
            if (ctx.response().closed() || ctx.response().ended()) {
                release.run();
                return Future.failedFuture(new HttpClosedException("closed while waiting for memory"));
            }
            ctx.addEndHandler(ended -> release.run());
            Future<T> running;
            try {
                running = work.get();
            } catch (RuntimeException e) {
                release.run();
                return Future.failedFuture(e);
            }
            return running.andThen(done -> release.run());
        });
    }

    /** Bytes not reserved now (for tests and metrics). */
    public synchronized long available() {
        return available;
    }

    private Future<Void> admit(long amount) {
        synchronized (this) {
            if (waiting.isEmpty() && available >= amount) {
                available -= amount;
                return Future.succeededFuture();
            }
            Waiter waiter = new Waiter(amount, Vertx.currentContext(), Promise.promise());
            waiting.add(waiter);
            return waiter.admitted().future();
        }
    }

    private void give(long amount) {
        List<Waiter> admitted = new ArrayList<>();
        synchronized (this) {
            available += amount;
            while (!waiting.isEmpty() && waiting.peek().bytes() <= available) {
                Waiter next = waiting.poll();
                available -= next.bytes();
                admitted.add(next);
            }
        }
        for (Waiter waiter : admitted) {
            if (waiter.context() != null) {
                waiter.context().runOnContext(v -> waiter.admitted().complete());
            } else {
                waiter.admitted().complete();
            }
        }
    }
}
