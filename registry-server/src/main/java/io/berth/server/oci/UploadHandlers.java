package io.berth.server.oci;

import io.berth.server.access.RegistryAccess;
import io.berth.server.http.Workers;
import io.berth.storage.blob.BlobInfo;
import io.berth.storage.blob.DirectBufferPool;
import io.berth.storage.blob.UploadSink;
import io.berth.storage.blob.UploadStore;
import io.berth.storage.error.RangeInvalidException;
import io.berth.storage.model.Digest;
import io.berth.storage.model.RepositoryName;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Blob uploads: start (POST, also monolithic with {@code ?digest=} and cross-repository mounts), append
 * (PATCH, chunked with Content-Range or streamed without), finish (PUT {@code ?digest=}), status (GET) and
 * cancel (DELETE). Bodies stream to the store with back-pressure; nothing is buffered whole.
 */
public final class UploadHandlers {
    private final UploadStore uploads;
    private final Workers workers;
    private final int chunkMinLength;
    /** Request bodies are gathered into these: 16 kept, four uploads' worth of queued body. */
    private final DirectBufferPool bodyBuffers = new DirectBufferPool(UploadBodyWriter.BUFFER_BYTES, 16);

    public UploadHandlers(UploadStore uploads, Workers workers, int chunkMinLength) {
        this.uploads = uploads;
        this.workers = workers;
        this.chunkMinLength = chunkMinLength;
    }

    public void start(RoutingContext ctx) {
        RepositoryName name = Params.name(ctx);
        HttpServerRequest request = ctx.request();
        String mount = request.getParam("mount");
        String from = request.getParam("from");
        String digest = request.getParam("digest");
        request.pause();
        boolean mountAllowed = !Boolean.FALSE.equals(ctx.get(RegistryAccess.MOUNT_ALLOWED));
        if (mount != null && from != null && mountAllowed) {
            Digest mounted = Digest.parse(mount);
            RepositoryName source = RepositoryName.of(from);
            workers.run(() -> uploads.mount(name, source, mounted)).onSuccess(blob -> {
                if (blob.isPresent()) {
                    request.resume();
                    created(ctx, name, blob.get());
                } else {
                    startNew(ctx, name);
                }
            }).onFailure(ctx::fail);
        } else if (digest != null) {
            Digest expected = Digest.parse(digest);
            workers.run(() -> uploads.start(name))
                    .compose(upload -> receiveAndCommit(ctx, name, upload.id(), -1, expected))
                    .onSuccess(blob -> created(ctx, name, blob))
                    .onFailure(ctx::fail);
        } else {
            startNew(ctx, name);
        }
    }

    private void startNew(RoutingContext ctx, RepositoryName name) {
        ctx.request().resume(); // a body without ?digest= carries nothing to keep
        workers.run(() -> uploads.start(name))
                .onSuccess(upload -> accepted(ctx, name, upload.id(), 0))
                .onFailure(ctx::fail);
    }

    public void append(RoutingContext ctx) {
        RepositoryName name = Params.name(ctx);
        String id = ctx.pathParam("uuid");
        ByteRange range = ByteRange.ofContentRange(ctx.request().getHeader("Content-Range"));
        long length = Params.contentLength(ctx);
        if (range != null && length >= 0 && range.length() != length) {
            throw new RangeInvalidException("Content-Range does not match Content-Length", ctx.request()
                    .getHeader("Content-Range"));
        }
        ctx.request().pause();
        workers.run(() -> uploads.openSink(name, id, range == null ? -1 : range.first()))
                .compose(sink -> receive(ctx, sink, range == null ? length : range.length()))
                .onSuccess(offset -> accepted(ctx, name, id, offset))
                .onFailure(ctx::fail);
    }

    public void finish(RoutingContext ctx) {
        RepositoryName name = Params.name(ctx);
        String id = ctx.pathParam("uuid");
        Digest expected = Params.queryDigest(ctx);
        ByteRange range = ByteRange.ofContentRange(ctx.request().getHeader("Content-Range"));
        ctx.request().pause();
        receiveAndCommit(ctx, name, id, range == null ? -1 : range.first(), expected)
                .onSuccess(blob -> created(ctx, name, blob))
                .onFailure(ctx::fail);
    }

    public void status(RoutingContext ctx) {
        RepositoryName name = Params.name(ctx);
        String id = ctx.pathParam("uuid");
        workers.run(() -> uploads.get(name, id)).onSuccess(upload -> {
            HttpServerResponse response = ctx.response().setStatusCode(204);
            uploadHeaders(response, name, upload.id(), upload.offset());
            response.end();
        }).onFailure(ctx::fail);
    }

    public void cancel(RoutingContext ctx) {
        RepositoryName name = Params.name(ctx);
        String id = ctx.pathParam("uuid");
        workers.run(() -> uploads.cancel(name, id))
                .onSuccess(done -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private Future<BlobInfo> receiveAndCommit(RoutingContext ctx, RepositoryName name, String id, long start,
                                              Digest expected) {
        long length = Params.contentLength(ctx);
        return workers.run(() -> uploads.openSink(name, id, start))
                .compose(sink -> receive(ctx, sink, length))
                .compose(offset -> workers.run(() -> uploads.commit(name, id, expected)));
    }

    /** Streams the request body into the sink; completes with the upload's new offset. */
    private Future<Long> receive(RoutingContext ctx, UploadSink sink, long limit) {
        HttpServerRequest request = ctx.request();
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            ctx.response().writeContinue();
        }
        UploadBodyWriter writer = new UploadBodyWriter(sink, workers, bodyBuffers, limit);
        request.exceptionHandler(writer::abandon);
        return request.pipeTo(writer).map(done -> sink.offset());
    }

    private void accepted(RoutingContext ctx, RepositoryName name, String id, long offset) {
        HttpServerResponse response = ctx.response().setStatusCode(202);
        uploadHeaders(response, name, id, offset);
        response.putHeader(OciHeaders.CHUNK_MIN_LENGTH, String.valueOf(chunkMinLength))
                .putHeader("Content-Length", "0")
                .end();
    }

    private static void uploadHeaders(HttpServerResponse response, RepositoryName name, String id, long offset) {
        response.putHeader("Location", "/v2/" + name + "/blobs/uploads/" + id)
                .putHeader("Range", "0-" + Math.max(0, offset - 1))
                .putHeader(OciHeaders.UPLOAD_UUID, id);
    }

    private static void created(RoutingContext ctx, RepositoryName name, BlobInfo blob) {
        ctx.response().setStatusCode(201)
                .putHeader("Location", "/v2/" + name + "/blobs/" + blob.digest())
                .putHeader(OciHeaders.CONTENT_DIGEST, blob.digest().toString())
                .putHeader("Content-Length", "0")
                .end();
    }
}
