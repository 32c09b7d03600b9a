package io.berth.server.http;

import io.berth.server.oci.BlobHandlers;
import io.berth.server.oci.ListingHandlers;
import io.berth.server.oci.ManifestHandlers;
import io.berth.server.oci.UploadHandlers;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/**
 * Every endpoint of Berth in one table: method, path template, the ECR IAM action it stands for, and its handler.
 * Repository names contain slashes, so {@code {name}} spans segments and the rest of a path is matched from its
 * end (see {@link PathTemplate}); the name is validated by the handler (NAME_INVALID), not by the template (which
 * would turn it into a 404).
 */
public final class Routes {
    /**
     * One row of the table.
     *
     * @param path   a {@link PathTemplate} such as {@code /v2/{name}/manifests/{reference}}
     * @param action the ECR IAM action the endpoint performs on its repository, or null for the version check
     *               (which only needs a valid login)
     */
    public record Endpoint(HttpMethod method, String path, String action, Handler<RoutingContext> handler) {
    }

    private Routes() {
    }

    public static List<Endpoint> table(ListingHandlers listings, BlobHandlers blobs, UploadHandlers uploads,
                                       ManifestHandlers manifests) {
        String upload = "/v2/{name}/blobs/uploads/{uuid}";
        String blob = "/v2/{name}/blobs/{digest}";
        String manifest = "/v2/{name}/manifests/{reference}";
        return List.of(
                new Endpoint(HttpMethod.GET, "/v2/", null, listings::ping),
                new Endpoint(HttpMethod.GET, "/v2/_catalog", "ecr:DescribeRepositories", listings::catalog),
                new Endpoint(HttpMethod.GET, "/v2/{name}/tags/list", "ecr:ListImages", listings::tags),
                new Endpoint(HttpMethod.GET, "/v2/{name}/referrers/{digest}", "ecr:BatchGetImage",
                        listings::referrers),
                new Endpoint(HttpMethod.POST, "/v2/{name}/blobs/uploads/", "ecr:InitiateLayerUpload",
                        uploads::start),
                new Endpoint(HttpMethod.PATCH, upload, "ecr:UploadLayerPart", uploads::append),
                new Endpoint(HttpMethod.PUT, upload, "ecr:CompleteLayerUpload", uploads::finish),
                new Endpoint(HttpMethod.GET, upload, "ecr:UploadLayerPart", uploads::status),
                new Endpoint(HttpMethod.DELETE, upload, "ecr:UploadLayerPart", uploads::cancel),
                new Endpoint(HttpMethod.GET, blob, "ecr:GetDownloadUrlForLayer", blobs::get),
                new Endpoint(HttpMethod.HEAD, blob, "ecr:BatchCheckLayerAvailability", blobs::head),
                new Endpoint(HttpMethod.DELETE, blob, "ecr:BatchDeleteImage", blobs::delete),
                new Endpoint(HttpMethod.GET, manifest, "ecr:BatchGetImage", manifests::get),
                new Endpoint(HttpMethod.HEAD, manifest, "ecr:BatchGetImage", manifests::head),
                new Endpoint(HttpMethod.PUT, manifest, "ecr:PutImage", manifests::put),
                new Endpoint(HttpMethod.DELETE, manifest, "ecr:BatchDeleteImage", manifests::delete));
    }

    /**
     * A router serving the table, with the access log first and the one failure handler last.
     *
     * @param access the authentication and authorization step for an endpoint's action, or null to serve
     *               everyone (authentication switched off)
     * @param awsApi the handler of {@code POST /}, the AWS-style APIs
     */
    public static Router router(Vertx vertx, List<Endpoint> endpoints,
                                Function<String, Handler<RoutingContext>> access, Handler<RoutingContext> awsApi) {
        Router router = Router.router(vertx);
        router.route().handler(new AccessLog());
        router.route().handler(ctx -> {
            ctx.response().putHeader("Docker-Distribution-API-Version", "registry/2.0");
            ctx.next();
        });
        router.post("/").handler(awsApi);
        EndpointDispatch dispatch = new EndpointDispatch(endpoints, access);
        router.route().handler(dispatch::select).handler(dispatch::serve);
        FailureHandler failures = new FailureHandler();
        router.route().failureHandler(failures);
        router.errorHandler(404, failures);
        router.errorHandler(405, failures);
        return router;
    }
}
