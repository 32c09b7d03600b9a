package io.berth.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Serves the route table from one router route: {@link #select} finds the request's endpoint by path template and
 * method (each template is tried once, in table order) and runs its access step; {@link #serve} then runs the
 * endpoint's handler. A path in the table with another method fails with 405; a path outside it goes on through
 * the router, which answers it as before (404, or 405 for {@code /}).
 */
final class EndpointDispatch {
    private static final String SELECTED = "berth.endpoint";

    private record Target(Routes.Endpoint endpoint, Handler<RoutingContext> access) {
    }

    private record Group(PathTemplate path, Map<HttpMethod, Target> byMethod) {
    }

    private final List<Group> groups;

    /**
     * @param access the access step for an endpoint's action, or null to serve everyone
     */
    EndpointDispatch(List<Routes.Endpoint> endpoints, Function<String, Handler<RoutingContext>> access) {
        Map<String, Map<HttpMethod, Target>> byPath = new LinkedHashMap<>();
        for (Routes.Endpoint endpoint : endpoints) {
            Target target = new Target(endpoint, access == null ? null : access.apply(endpoint.action()));
            Target previous = byPath.computeIfAbsent(endpoint.path(), path -> new LinkedHashMap<>())
                    .putIfAbsent(endpoint.method(), target);
            if (previous != null) {
                throw new IllegalArgumentException("two endpoints for " + endpoint.method() + " " + endpoint.path());
            }
        }
        List<Group> list = new ArrayList<>();
        byPath.forEach((path, targets) -> list.add(new Group(PathTemplate.of(path), Map.copyOf(targets))));
        this.groups = List.copyOf(list);
    }

    void select(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        HttpMethod method = ctx.request().method();
        boolean otherMethod = false;
        for (Group group : groups) {
            Map<String, String> params = group.path().match(path);
            if (params == null) {
                continue;
            }
            Target target = group.byMethod().get(method);
            if (target == null) {
                otherMethod = true;
                continue;
            }
            ctx.pathParams().putAll(params);
            ctx.put(SELECTED, target);
            if (target.access() == null) {
                ctx.next();
            } else {
                target.access().handle(ctx);
            }
            return;
        }
        if (otherMethod) {
            ctx.fail(new EndpointNotFoundException(true));
        } else {
            ctx.next();
        }
    }

    void serve(RoutingContext ctx) {
        Target target = ctx.get(SELECTED);
        if (target == null) {
            ctx.next();
        } else {
            target.endpoint().handler().handle(ctx);
        }
    }
}
