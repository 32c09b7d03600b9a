package io.berth.server.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Supplier;

/** Reads a small request body whole, failing as soon as it passes a limit (for manifests, never for blobs). */
public final class BoundedBody {
    private BoundedBody() {
    }

    public static Future<Buffer> read(HttpServerRequest request, int limit, Supplier<? extends RuntimeException> tooLarge) {
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                request.handler(null);
                promise.tryFail(tooLarge.get());
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(done -> promise.tryComplete(body));
        request.resume();
        return promise.future();
    }
}
