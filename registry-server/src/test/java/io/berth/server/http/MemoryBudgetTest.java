package io.berth.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests admitted by the memory they may take: big ones queue in order, small ones pass, nothing leaks. */
class MemoryBudgetTest {
    private static final long CAPACITY = 100;
    private static final java.time.Duration MAX_HOLD = java.time.Duration.ofSeconds(3);

    private Vertx vertx;
    private HttpServer server;
    private MemoryBudget budget;
    /** Per request name: completed by the test to let that request's work finish. */
    private final Map<String, Promise<String>> gates = new ConcurrentHashMap<>();
    /** Names of requests whose work started, in order. */
    private final List<String> started = java.util.Collections.synchronizedList(new ArrayList<>());
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        budget = new MemoryBudget(CAPACITY, MAX_HOLD);
        Router router = Router.router(vertx);
        router.get("/work/:name/:bytes").handler(ctx -> {
            String name = ctx.pathParam("name");
            long bytes = Long.parseLong(ctx.pathParam("bytes"));
            budget.run(ctx, bytes, () -> {
                started.add(name);
                Promise<String> gate = Promise.promise();
                gates.put(name, gate);
                return gate.future();
            }).onComplete(done -> {
                if (!ctx.response().closed()) {
                    ctx.response().end(done.succeeded() ? done.result()
                            : done.cause().getClass().getSimpleName());
                }
            });
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void bigRequestsRunOneAtATimeInArrivalOrder() throws Exception {
        CompletableFuture<HttpResponse<String>> first = send("a", 80);
        awaitStarted("a");
        CompletableFuture<HttpResponse<String>> second = send("b", 80);
        Thread.sleep(200); // b arrives before c
        CompletableFuture<HttpResponse<String>> third = send("c", 1_000_000);
        Thread.sleep(300);
        assertEquals(List.of("a"), started, "the others wait while the first holds the budget");

        release("a");
        assertEquals("a done", first.get(10, TimeUnit.SECONDS).body());
        awaitStarted("b");
        Thread.sleep(200);
        assertEquals(List.of("a", "b"), started, "one needing more than the whole budget waits for all of it");
        release("b");
        awaitStarted("c");
        release("c");
        assertEquals("b done", second.get(10, TimeUnit.SECONDS).body());
        assertEquals("c done", third.get(10, TimeUnit.SECONDS).body());
        awaitAvailable(CAPACITY);
    }

    @Test
    void smallRequestsRunTogether() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            responses.add(send("s" + i, 20));
        }
        for (int i = 0; i < 5; i++) {
            awaitStarted("s" + i);
        }
        assertEquals(0, budget.available());
        for (int i = 0; i < 5; i++) {
            release("s" + i);
            assertEquals("s" + i + " done", responses.get(i).get(10, TimeUnit.SECONDS).body());
        }
        awaitAvailable(CAPACITY);
    }

    @Test
    void aClientThatLeavesGivesItsShareBackWhetherRunningOrWaiting() throws Exception {
        try (Socket running = rawRequest("r", 60)) {
            awaitStarted("r");
            try (Socket waiting = rawRequest("w", 60)) {
                Thread.sleep(200);
                assertEquals(40, budget.available());
            }
        }
        // the running request's client left: its share comes back although its work never completes
        awaitAvailable(CAPACITY);
        assertFalse(started.contains("w"), "the request whose client left while it waited never runs");
        CompletableFuture<HttpResponse<String>> later = send("x", 100);
        awaitStarted("x");
        release("x");
        assertEquals("x done", later.get(10, TimeUnit.SECONDS).body());
    }

    @Test
    void aRequestThatHoldsItsShareTooLongTimesOutAndLetsTheNextOneRun() throws Exception {
        CompletableFuture<HttpResponse<String>> stuck = send("slow", CAPACITY);
        awaitStarted("slow");
        CompletableFuture<HttpResponse<String>> next = send("next", CAPACITY);
        Thread.sleep(500);
        assertFalse(started.contains("next"), "waits while the slow one holds the whole budget");

        assertEquals("RequestTimeoutException", stuck.get(10, TimeUnit.SECONDS).body());
        awaitStarted("next");
        release("next");
        assertEquals("next done", next.get(10, TimeUnit.SECONDS).body());
        awaitAvailable(CAPACITY);
    }

    private CompletableFuture<HttpResponse<String>> send(String name, long bytes) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                + "/work/" + name + "/" + bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Socket rawRequest(String name, long bytes) throws Exception {
        Socket socket = new Socket("127.0.0.1", server.actualPort());
        OutputStream out = socket.getOutputStream();
        out.write(("GET /work/" + name + "/" + bytes + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private void release(String name) {
        Promise<String> gate = gates.get(name);
        vertx.runOnContext(v -> gate.complete(name + " done"));
    }

    private void awaitStarted(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(started.contains(name) && gates.containsKey(name)) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(started.contains(name), name + " started");
    }

    private void awaitAvailable(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (budget.available() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(expected, budget.available());
    }
}
