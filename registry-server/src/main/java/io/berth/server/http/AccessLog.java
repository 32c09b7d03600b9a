package io.berth.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each request an id (echoed in {@code X-Request-Id}) and logs one line when its response ends: id,
 * method, path, status, bytes sent, milliseconds. Never logs headers, so credentials never reach the log.
 */
public final class AccessLog implements Handler<RoutingContext> {
    public static final String REQUEST_ID = "requestId";
    private static final Logger LOG = LoggerFactory.getLogger("berth.access");

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffffL);
        ctx.put(REQUEST_ID, id);
        ctx.response().putHeader("X-Request-Id", id);
        HttpServerRequest request = ctx.request();
        ctx.addEndHandler(done -> {
            if (LOG.isInfoEnabled()) { // one string, no placeholders: formatting arguments cost more per request
                LOG.info(id + ' ' + request.method() + ' ' + request.path() + ' ' + ctx.response().getStatusCode()
                        + ' ' + ctx.response().bytesWritten() + ' ' + (System.nanoTime() - start) / 1_000_000 + "ms");
            }
        });
        ctx.next();
    }
}
