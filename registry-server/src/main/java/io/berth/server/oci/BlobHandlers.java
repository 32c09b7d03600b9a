package io.berth.server.oci;

import io.berth.server.http.Workers;
import io.berth.storage.blob.BlobInfo;
import io.berth.storage.blob.BlobStore;
import io.berth.storage.error.RangeInvalidException;
import io.berth.storage.model.Digest;
import io.berth.storage.model.RepositoryName;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Blob reads (GET with single Range requests, HEAD) and deletion from a repository. */
public final class BlobHandlers {
    private static final String OCTET_STREAM = "application/octet-stream";

    private final BlobStore blobs;
    private final Workers workers;
    private final BlobSender sender;

    public BlobHandlers(BlobStore blobs, Workers workers) {
        this.blobs = blobs;
        this.workers = workers;
        this.sender = new BlobSender(blobs, workers);
    }

    public void head(RoutingContext ctx) {
        RepositoryName name = Params.name(ctx);
        Digest digest = Params.pathDigest(ctx);
        workers.run(() -> blobs.require(name, digest)).onSuccess(blob -> {
            headers(ctx.response().setStatusCode(200), blob).putHeader("Content-Length", String.valueOf(blob.size()));
            ctx.response().end();
        }).onFailure(ctx::fail);
    }

    public void get(RoutingContext ctx) {
        RepositoryName name = Params.name(ctx);
        Digest digest = Params.pathDigest(ctx);
        workers.run(() -> blobs.require(name, digest)).onSuccess(blob -> {
            HttpServerResponse response = headers(ctx.response(), blob);
            ByteRange range;
            try {
                range = ByteRange.ofRequest(ctx.request().getHeader("Range"), blob.size());
            } catch (RangeInvalidException e) {
                response.putHeader("Content-Range", "bytes */" + blob.size());
                ctx.fail(e);
                return;
            }
            if (range == null) {
                response.setStatusCode(200).putHeader("Content-Length", String.valueOf(blob.size()));
                sender.send(response, digest, 0, blob.size());
            } else {
                response.setStatusCode(206)
                        .putHeader("Content-Length", String.valueOf(range.length()))
                        .putHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + blob.size());
                sender.send(response, digest, range.first(), range.last() + 1);
            }
        }).onFailure(ctx::fail);
    }

    public void delete(RoutingContext ctx) {
        RepositoryName name = Params.name(ctx);
        Digest digest = Params.pathDigest(ctx);
        workers.run(() -> blobs.unlink(name, digest))
                .onSuccess(done -> ctx.response().setStatusCode(202)
                        .putHeader(OciHeaders.CONTENT_DIGEST, digest.toString())
                        .putHeader("Content-Length", "0").end())
                .onFailure(ctx::fail);
    }

    private static HttpServerResponse headers(HttpServerResponse response, BlobInfo blob) {
        return response.putHeader("Content-Type", OCTET_STREAM)
                .putHeader(OciHeaders.CONTENT_DIGEST, blob.digest().toString())
                .putHeader("Accept-Ranges", "bytes")
                .putHeader("ETag", "\"" + blob.digest() + "\"")
                .putHeader("Cache-Control", "max-age=31536000");
    }
}
