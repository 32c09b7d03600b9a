package io.berth.server.oci;

import io.berth.server.http.BoundedBody;
import io.berth.server.http.MemoryBudget;
import io.berth.server.http.RequestTooLargeException;
import io.berth.server.http.Workers;
import io.berth.storage.error.ManifestUnknownException;
import io.berth.storage.error.TagInvalidException;
import io.berth.storage.meta.ManifestStore;
import io.berth.storage.meta.StoredManifest;
import io.berth.storage.model.Reference;
import io.berth.storage.model.RepositoryName;
import io.berth.storage.model.Tag;
import io.netty.buffer.Unpooled;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Manifest push, pull (GET and HEAD, negotiated by Accept) and deletion by digest or by tag. A push by digest may
 * also tag the manifest with {@code ?tag=} query parameters, answered with an {@code OCI-Tag} header.
 */
public final class ManifestHandlers {
    private final ManifestStore manifests;
    private final Workers workers;
    private final MemoryBudget memory;

    public ManifestHandlers(ManifestStore manifests, Workers workers, MemoryBudget memory) {
        this.manifests = manifests;
        this.workers = workers;
        this.memory = memory;
    }

    public void put(RoutingContext ctx) {
        RepositoryName name = Params.name(ctx);
        Reference reference = Reference.parse(ctx.pathParam("reference"));
        long declared = Params.contentLength(ctx);
        if (declared > ManifestStore.MAX_MANIFEST_BYTES) {
            throw tooLarge();
        }
        List<Tag> alsoTagged = reference instanceof Reference.ByDigest ? tagParameters(ctx) : List.of();
        String contentType = ctx.request().getHeader("Content-Type");
        long bodyBytes = declared >= 0 ? declared : ManifestStore.MAX_MANIFEST_BYTES;
        memory.run(ctx, bodyBytes * MemoryBudget.PARSE_FACTOR, () ->
                        BoundedBody.read(ctx.request(), ManifestStore.MAX_MANIFEST_BYTES, ManifestHandlers::tooLarge)
                                .compose(body -> workers.run(() ->
                                        manifests.put(name, reference, alsoTagged, contentType, body.getBytes()))))
                .onSuccess(result -> {
                    HttpServerResponse response = ctx.response().setStatusCode(201)
                            .putHeader("Location", "/v2/" + name + "/manifests/" + result.digest())
                            .putHeader(OciHeaders.CONTENT_DIGEST, result.digest().toString())
                            .putHeader("Content-Length", "0");
                    if (result.subject() != null) {
                        response.putHeader(OciHeaders.SUBJECT, result.subject().toString());
                    }
                    if (!alsoTagged.isEmpty()) {
                        response.putHeader(OciHeaders.TAG,
                                String.join(", ", alsoTagged.stream().map(Tag::value).toList()));
                    }
                    response.end();
                })
                .onFailure(ctx::fail);
    }

    public void get(RoutingContext ctx) {
        serve(ctx, true);
    }

    public void head(RoutingContext ctx) {
        serve(ctx, false);
    }

    /** A manifest in the store's cache is served on the event loop; any other is read on a worker. */
    private void serve(RoutingContext ctx, boolean withBody) {
        RepositoryName name = Params.name(ctx);
        Reference reference = existingReference(ctx);
        Optional<StoredManifest> cached = manifests.cached(name, reference);
        if (cached.isPresent()) {
            respond(ctx, reference, cached.get(), withBody);
            return;
        }
        workers.run(() -> manifests.get(name, reference))
                .onSuccess(manifest -> respond(ctx, reference, manifest, withBody))
                .onFailure(ctx::fail);
    }

    private static void respond(RoutingContext ctx, Reference reference, StoredManifest manifest, boolean withBody) {
        List<String> accepts = ctx.request().headers().getAll("Accept");
        String accept = accepts.size() == 1 ? accepts.get(0) : String.join(",", accepts);
        if (!AcceptHeader.allows(accept, manifest.mediaType())) {
            ctx.fail(new ManifestUnknownException("manifest of type " + manifest.mediaType()
                    + " is not among the types the request accepts", reference.toString()));
            return;
        }
        HttpServerResponse response = headers(ctx.response().setStatusCode(200), manifest);
        if (withBody) {
            // wrapped, not copied: the bytes may be the store's cached copy, which nothing writes to
            response.end(BufferInternal.buffer(Unpooled.wrappedBuffer(manifest.content())));
        } else {
            response.end();
        }
    }

    public void delete(RoutingContext ctx) {
        RepositoryName name = Params.name(ctx);
        Reference reference = existingReference(ctx);
        workers.run(() -> {
            switch (reference) {
                case Reference.ByDigest byDigest -> manifests.delete(name, byDigest.digest());
                case Reference.ByTag byTag -> manifests.deleteTag(name, byTag.tag());
            }
        }).onSuccess(done -> ctx.response().setStatusCode(202).putHeader("Content-Length", "0").end())
                .onFailure(ctx::fail);
    }

    /**
     * The distinct, valid {@code tag} query parameters of a push by digest, in order; any invalid one fails the
     * push with TAG_INVALID before anything is stored. Their number is bounded by the request line's length.
     */
    private static List<Tag> tagParameters(RoutingContext ctx) {
        if (ctx.request().query() == null) {
            return List.of();
        }
        Set<Tag> tags = new LinkedHashSet<>();
        for (String value : ctx.queryParam("tag")) {
            tags.add(Tag.of(value));
        }
        return List.copyOf(tags);
    }

    /** The reference of a read or delete: a malformed tag names nothing stored, so it is unknown, not invalid. */
    private static Reference existingReference(RoutingContext ctx) {
        String text = ctx.pathParam("reference");
        try {
            return Reference.parse(text);
        } catch (TagInvalidException e) {
            throw new ManifestUnknownException("manifest unknown", text);
        }
    }

    private static HttpServerResponse headers(HttpServerResponse response, StoredManifest manifest) {
        String digest = manifest.digest().toString();
        return response.putHeader("Content-Type", manifest.mediaType())
                .putHeader("Content-Length", String.valueOf(manifest.content().length))
                .putHeader(OciHeaders.CONTENT_DIGEST, digest)
                .putHeader("ETag", '"' + digest + '"');
    }

    private static RequestTooLargeException tooLarge() {
        return new RequestTooLargeException("manifest larger than " + ManifestStore.MAX_MANIFEST_BYTES + " bytes",
                ManifestStore.MAX_MANIFEST_BYTES);
    }
}
