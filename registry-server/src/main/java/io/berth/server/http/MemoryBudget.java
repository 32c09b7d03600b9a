package io.berth.server.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
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
 * them) never wait while the budget has room. An admitted request holds its share for at most {@link #MAX_HOLD}:
 * a client that sends its body too slowly (or not at all) gets a 408 and gives the share back, so it cannot
 * keep the others waiting.
 */
public final class MemoryBudget {
    /** Heap a request takes per byte of body while it is read, copied and parsed into a JSON tree (measured ~10). */
    public static final int PARSE_FACTOR = 12;
    /** Longest an admitted request may take: a 4 MiB body at 1 Mbit/s arrives in about 34 s. */
    public static final Duration MAX_HOLD = Duration.ofSeconds(60);

    private final long capacity;
    private final Duration maxHold;
    /** Guarded by this, like {@link #waiting}. */
    private long available;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

    private record Waiter(long bytes, Context context, Promise<Void> admitted) {
    }

    public MemoryBudget(long capacity, Duration maxHold) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.available = capacity;
        this.maxHold = maxHold;
    }

    /** A quarter of the JVM's maximum heap, held at most {@link #MAX_HOLD} by a request. */
    public static MemoryBudget ofHeap() {
        return new MemoryBudget(Runtime.getRuntime().maxMemory() / 4, MAX_HOLD);
    }

    /**
     * Runs {@code work} once {@code bytes} of the budget are free, and gives them back when its future completes,
     * the request's response ends or closes, or {@code maxHold} passes, whichever comes first; in the last case
     * the result is a {@link RequestTimeoutException}. A request whose connection closed while it waited is not
     * run.
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
            Promise<T> result = Promise.promise();
            long timer = ctx.vertx().setTimer(maxHold.toMillis(), fired -> {
                release.run();
                result.tryFail(new RequestTimeoutException("request not completed within "
                        + maxHold.toSeconds() + " s"));
            });
            running.onComplete(done -> {
                ctx.vertx().cancelTimer(timer);
                release.run();
                if (done.succeeded()) {
                    result.tryComplete(done.result());
                } else {
                    result.tryFail(done.cause());
                }
            });
            return result.future();
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
