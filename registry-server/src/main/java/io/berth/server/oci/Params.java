package io.berth.server.oci;

import io.berth.storage.error.DigestInvalidException;
import io.berth.storage.error.PaginationInvalidException;
import io.berth.storage.model.Digest;
import io.berth.storage.model.RepositoryName;
import io.vertx.ext.web.RoutingContext;

/** Reads and validates the path and query parameters of distribution API requests. */
final class Params {
    private Params() {
    }

    static RepositoryName name(RoutingContext ctx) {
        return RepositoryName.of(ctx.pathParam("name"));
    }

    static Digest pathDigest(RoutingContext ctx) {
        return Digest.parse(ctx.pathParam("digest"));
    }

    /** The {@code digest} query parameter, required. */
    static Digest queryDigest(RoutingContext ctx) {
        String value = ctx.request().getParam("digest");
        if (value == null || value.isEmpty()) {
            throw new DigestInvalidException("the digest query parameter is required", null);
        }
        return Digest.parse(value);
    }

    /** The {@code n} query parameter, or null when absent. */
    static Integer pageSize(RoutingContext ctx) {
        String value = ctx.request().getParam("n");
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new PaginationInvalidException("n must not be negative", value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new PaginationInvalidException("n must be a number", value);
        }
    }

    /** The Content-Length of the request, or -1 when it has none. */
    static long contentLength(RoutingContext ctx) {
        String value = ctx.request().getHeader("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
