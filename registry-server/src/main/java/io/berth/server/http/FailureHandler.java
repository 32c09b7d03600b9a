package io.berth.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's one failure path: renders the OCI error body {@code {"errors":[{code,message,detail}]}} with the
 * status from {@link ErrorMapper}; logs client errors at debug and server faults once, at error, with the trace.
 */
public final class FailureHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
    /** 64 MiB: a refused upload's body is read and dropped up to this much, then the connection is closed. */
    private static final long MAX_DISCARD_BYTES = 64L << 20;

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure == null) {
            failure = ctx.statusCode() == 405 ? new EndpointNotFoundException(true)
                    : ctx.statusCode() == 404 ? new EndpointNotFoundException(false)
                    : new HttpException(ctx.statusCode());
        }
        HttpServerResponse response = ctx.response();
        if (ErrorMapper.isClientGone(failure)) {
            LOG.debug("{} client went away: {}", ctx.get(AccessLog.REQUEST_ID), failure.toString());
            return;
        }
        ApiError error = ErrorMapper.toApiError(failure);
        if (error.isServerFault()) {
            LOG.error("{} {} {} failed", ctx.get(AccessLog.REQUEST_ID), ctx.request().method(), ctx.request().path(),
                    failure);
        } else {
            LOG.debug("{} {} {}: {}", ctx.get(AccessLog.REQUEST_ID), error.status(), error.code(), error.message());
        }
        if (response.headWritten()) {
            response.reset(); // a streamed response cannot change its status any more
            return;
        }
        JsonObject entry = new JsonObject().put("code", error.code()).put("message", error.message());
        if (error.detail() != null) {
            entry.put("detail", error.detail());
        }
        String body = new JsonObject().put("errors", new JsonArray().add(entry)).encode();
        response.setStatusCode(error.status())
                .putHeader("Content-Type", "application/json; charset=utf-8");
        if (hasUnreadBody(ctx.request())) {
            discardBody(ctx.request());
        }
        if (ctx.request().method().name().equals("HEAD")) {
            response.putHeader("Content-Length", String.valueOf(body.length())).end();
        } else {
            response.end(body);
        }
    }

    /**
     * Reads and drops the rest of a refused request's body, so the client, still sending it, gets to read the
     * error instead of a reset connection, and the connection stays usable. Past {@link #MAX_DISCARD_BYTES}
     * the connection is closed instead: nobody is owed that much reading.
     */
    private static void discardBody(HttpServerRequest request) {
        long[] discarded = {0};
        request.exceptionHandler(ignored -> { });
        request.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > MAX_DISCARD_BYTES) {
                request.handler(null);
                request.connection().close();
            }
        });
        request.resume();
    }

    /**
     * True for an HTTP/1 request whose body was refused before it was read: the rest of the body must be read
     * off the connection before it can carry the next request. (HTTP/2 resets just the stream.)
     */
    private static boolean hasUnreadBody(HttpServerRequest request) {
        if (request.isEnded() || request.version() == HttpVersion.HTTP_2) {
            return false;
        }
        String length = request.getHeader("Content-Length");
        return request.isExpectMultipart() || (length != null && !length.equals("0"))
                || request.getHeader("Transfer-Encoding") != null;
    }
}
