package io.berth.server.oci;

import io.berth.server.http.Workers;
import io.berth.storage.meta.ManifestStore;
import io.berth.storage.meta.Page;
import io.berth.storage.meta.ReferrerIndex;
import io.berth.storage.meta.RepositoryStore;
import io.berth.storage.model.Descriptor;
import io.berth.storage.model.Digest;
import io.berth.storage.model.MediaTypes;
import io.berth.storage.model.RepositoryName;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The API version check, tag and repository listings with pagination, and the referrers API. */
public final class ListingHandlers {
    private final RepositoryStore repositories;
    private final ManifestStore manifests;
    private final ReferrerIndex referrers;
    /** As many as the store keeps tag lists for (64): a page no longer kept is dropped with the others. */
    private static final int MAX_RENDERED_TAG_LISTS = 64;

    private final Workers workers;
    /** The rendered body of each tag list the store keeps in memory, reused while the store returns that list. */
    private final Map<RepositoryName, RenderedTags> renderedTags = new ConcurrentHashMap<>();

    private record RenderedTags(Page page, String body) {
    }

    public ListingHandlers(RepositoryStore repositories, ManifestStore manifests, ReferrerIndex referrers,
                           Workers workers) {
        this.repositories = repositories;
        this.manifests = manifests;
        this.referrers = referrers;
        this.workers = workers;
    }

    public void ping(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").end("{}");
    }

    /** A whole first page the store holds in memory is answered on the event loop; anything else on a worker. */
    public void tags(RoutingContext ctx) {
        RepositoryName name = Params.name(ctx);
        Integer n = Params.pageSize(ctx);
        String last = ctx.request().getParam("last");
        if (n == null && last == null) {
            Optional<Page> cached = manifests.cachedTags(name);
            if (cached.isPresent()) {
                respondTags(ctx, name, cached.get(), null);
                return;
            }
        }
        workers.run(() -> n != null && n == 0 ? emptyPageOf(name) : manifests.tags(name, last, n))
                .onSuccess(page -> respondTags(ctx, name, page, n))
                .onFailure(ctx::fail);
    }

    private void respondTags(RoutingContext ctx, RepositoryName name, Page page, Integer n) {
        link(ctx, "/v2/" + name + "/tags/list", page, n);
        RenderedTags rendered = renderedTags.get(name);
        if (rendered == null || rendered.page() != page) {
            rendered = new RenderedTags(page, new JsonObject().put("name", name.value())
                    .put("tags", new JsonArray(List.copyOf(page.items()))).encode());
            if (n == null && manifests.cachedTags(name).orElse(null) == page) {
                // only lists the store keeps are worth keeping rendered; it bounds how many there are
                if (renderedTags.size() >= MAX_RENDERED_TAG_LISTS) {
                    renderedTags.clear();
                }
                renderedTags.put(name, rendered);
            }
        }
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(rendered.body());
    }

    private Page emptyPageOf(RepositoryName name) {
        repositories.require(name);
        return new Page(List.of(), false);
    }

    public void catalog(RoutingContext ctx) {
        Integer n = Params.pageSize(ctx);
        String last = ctx.request().getParam("last");
        workers.run(() -> n != null && n == 0 ? new Page(List.of(), false) : repositories.list(last, n))
                .onSuccess(page -> {
                    link(ctx, "/v2/_catalog", page, n);
                    json(ctx, new JsonObject().put("repositories", new JsonArray(List.copyOf(page.items()))));
                }).onFailure(ctx::fail);
    }

    public void referrers(RoutingContext ctx) {
        RepositoryName name = Params.name(ctx);
        Digest subject = Params.pathDigest(ctx);
        String artifactType = ctx.request().getParam("artifactType");
        workers.run(() -> referrers.list(name, subject, artifactType)).onSuccess(found -> {
            JsonArray manifestsArray = new JsonArray();
            found.forEach(descriptor -> manifestsArray.add(toJson(descriptor)));
            if (artifactType != null) {
                ctx.response().putHeader(OciHeaders.FILTERS_APPLIED, "artifactType");
            }
            ctx.response().putHeader("Content-Type", MediaTypes.OCI_INDEX).end(new JsonObject()
                    .put("schemaVersion", 2)
                    .put("mediaType", MediaTypes.OCI_INDEX)
                    .put("manifests", manifestsArray).encode());
        }).onFailure(ctx::fail);
    }

    private static JsonObject toJson(Descriptor descriptor) {
        JsonObject json = new JsonObject()
                .put("mediaType", descriptor.mediaType())
                .put("digest", descriptor.digest().toString())
                .put("size", descriptor.size());
        if (descriptor.artifactType() != null) {
            json.put("artifactType", descriptor.artifactType());
        }
        if (!descriptor.annotations().isEmpty()) {
            JsonObject annotations = new JsonObject();
            descriptor.annotations().forEach(annotations::put);
            json.put("annotations", annotations);
        }
        return json;
    }

    /** Adds the RFC 5988 {@code Link} header pointing at the next page, when there is one. */
    private static void link(RoutingContext ctx, String path, Page page, Integer n) {
        if (page.more() && page.last() != null) {
            String next = path + "?n=" + (n == null ? page.items().size() : n)
                    + "&last=" + URLEncoder.encode(page.last(), StandardCharsets.UTF_8);
            ctx.response().putHeader("Link", "<" + next + ">; rel=\"next\"");
        }
    }

    private static void json(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
    }
}
