package io.berth.server.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * One HTTP server on one event loop. Berth deploys one instance per core on the same port; Vert.x spreads the
 * connections across them.
 */
public final class HttpVerticle extends VerticleBase {
    private final Router router;
    private final HttpServerOptions options;
    private HttpServer server;

    public HttpVerticle(Router router, HttpServerOptions options) {
        this.router = router;
        this.options = options;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(options).requestHandler(router);
        return server.listen();
    }

    /** The port it listens on (the real one when configured with 0). */
    public int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        return server.close();
    }
}
