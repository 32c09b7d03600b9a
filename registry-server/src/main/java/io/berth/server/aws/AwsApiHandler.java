package io.berth.server.aws;

import io.berth.auth.identity.Identities;
import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.policy.RequestContext;
import io.berth.auth.policy.RequestPrincipal;
import io.berth.auth.sigv4.HeaderMap;
import io.berth.auth.sigv4.SigV4Verifier;
import io.berth.auth.sigv4.SignedRequest;
import io.berth.auth.sigv4.UnrecognizedClientException;
import io.berth.auth.sigv4.VerifiedRequest;
import io.berth.server.http.AccessLog;
import io.berth.server.http.BoundedBody;
import io.berth.server.http.MemoryBudget;
import io.berth.server.http.ErrorMapper;
import io.berth.server.http.RequestTooLargeException;
import io.berth.server.http.Workers;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /}: the AWS-style APIs. Verifies the SigV4 signature (on a worker: the key look-up reads the store),
 * resolves the caller, and hands the call to the service its credential scope names ({@code ecr}, {@code iam},
 * {@code sts}). Failures are rendered in the protocol of the service the client meant.
 */
public final class AwsApiHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(AwsApiHandler.class);
    /** 8 MiB: AWS API bodies are small JSON or forms; ECR's layer parts are the largest, a few MiB in base64. */
    private static final int MAX_BODY_BYTES = 8 << 20;

    private final SigV4Verifier verifier;
    private final Identities identities;
    private final Map<String, AwsService> services;
    private final Workers workers;
    private final MemoryBudget memory;

    public AwsApiHandler(SigV4Verifier verifier, Identities identities, List<AwsService> services, Workers workers,
                         MemoryBudget memory) {
        this.verifier = verifier;
        this.identities = identities;
        this.services = services.stream().collect(Collectors.toMap(AwsService::name, Function.identity()));
        this.workers = workers;
        this.memory = memory;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        AwsService protocol = protocolOf(request);
        String length = request.getHeader("Content-Length");
        long bodyBytes = length != null && length.matches("[0-9]{1,9}") ? Long.parseLong(length) : MAX_BODY_BYTES;
        memory.run(ctx, Math.min(bodyBytes, MAX_BODY_BYTES) * MemoryBudget.PARSE_FACTOR, () ->
                        BoundedBody.read(request, MAX_BODY_BYTES, () -> new RequestTooLargeException(
                                        "request body too large", MAX_BODY_BYTES))
                                .compose(body -> workers.run(() -> serve(ctx, body.getBytes()))))
                .onComplete(result -> {
                    AwsReply reply = result.succeeded() ? result.result() : renderFailure(ctx, protocol, result.cause());
                    ctx.response().setStatusCode(reply.status())
                            .putHeader("Content-Type", reply.contentType())
                            .putHeader("x-amzn-RequestId", requestId(ctx))
                            .end(Buffer.buffer(reply.body()));
                });
    }

    private AwsReply serve(RoutingContext ctx, byte[] body) {
        HttpServerRequest request = ctx.request();
        VerifiedRequest verified = verifier.verify(SignedRequest.withBody(request.method().name(), rawPath(request),
                rawQuery(request), headers(request), body));
        AccessKey key = identities.keys().usable(verified.credential().accessKeyId())
                .orElseThrow(UnrecognizedClientException::new);
        RequestPrincipal caller = identities.principalOf(key).orElseThrow(UnrecognizedClientException::new);
        AwsService service = services.get(verified.scope().service());
        if (service == null) {
            throw new UnrecognizedClientException();
        }
        String endpoint = (request.isSSL() ? "https://" : "http://") + request.authority();
        Map<String, List<String>> context = RequestContext.connectionKeys(
                request.remoteAddress().hostAddress(), request.isSSL());
        return service.handle(new AwsCall(caller, key, verified.scope().service(), verified.scope().region(),
                request.getHeader("X-Amz-Target"), request.getHeader("Content-Type"), body, endpoint, context,
                requestId(ctx)));
    }

    private AwsReply renderFailure(RoutingContext ctx, AwsService protocol, Throwable failure) {
        AwsError error = ErrorMapper.toAwsError(failure);
        if (error.status() >= 500) {
            LOG.error("{} AWS API call failed", requestId(ctx), failure);
        } else {
            LOG.debug("{} {} {}: {}", requestId(ctx), error.status(), error.code(), error.message());
        }
        return protocol.render(error, requestId(ctx));
    }

    /** The service the client meant, from the credential scope (before verification), else by protocol. */
    private AwsService protocolOf(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            int credential = authorization.indexOf("Credential=");
            if (credential >= 0) {
                String[] scope = authorization.substring(credential + 11).split("[,\\s]", 2)[0].split("/");
                if (scope.length >= 4 && services.containsKey(scope[3])) {
                    return services.get(scope[3]);
                }
            }
        }
        return services.get(request.getHeader("X-Amz-Target") != null ? "ecr" : "iam");
    }

    private static String requestId(RoutingContext ctx) {
        return ctx.get(AccessLog.REQUEST_ID);
    }

    private static String rawPath(HttpServerRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static String rawQuery(HttpServerRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        return query < 0 ? "" : uri.substring(query + 1);
    }

    private static HeaderMap headers(HttpServerRequest request) {
        HeaderMap.Builder builder = HeaderMap.builder();
        request.headers().forEach(entry -> builder.add(entry.getKey(), entry.getValue()));
        if (request.headers().get("Host") == null && request.authority() != null) {
            builder.add("host", request.authority().toString());
        }
        return builder.build();
    }
}
