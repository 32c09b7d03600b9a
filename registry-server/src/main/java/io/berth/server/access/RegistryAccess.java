package io.berth.server.access;

import io.berth.auth.identity.Account;
import io.berth.auth.identity.Identities;
import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.policy.RequestContext;
import io.berth.auth.policy.RequestPrincipal;
import io.berth.server.http.Workers;
import io.berth.storage.model.RepositoryName;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Authentication and authorization of the registry API, in front of every {@code /v2} endpoint: the request's
 * Basic credentials ({@code AWS} and a login password) are checked, the access key behind them must still be
 * active, and the endpoint's ECR action must be allowed on the repository. Without credentials only what a
 * repository policy grants to {@code "*"} is allowed; anything else answers 401 with a Basic challenge, so
 * clients log in.
 */
public final class RegistryAccess {
    /** The key under which the caller is stored in the routing context. */
    public static final String CALLER = "berth.caller";
    /** Set to false when a cross-repository mount's source may not be read by the caller. */
    public static final String MOUNT_ALLOWED = "berth.mountAllowed";
    static final String CHALLENGE = "Basic realm=\"berth\",service=\"ecr.amazonaws.com\"";
    /** The actions a pull-only credential may perform. */
    private static final Set<String> PULL_ACTIONS = Set.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
            "ecr:BatchCheckLayerAvailability", "ecr:ListImages", "ecr:DescribeRepositories");

    private final Identities identities;
    private final LoginVerifier logins;
    private final PolicyAuthorizer authorizer;
    private final Workers workers;
    private final AccessCache cache;
    private final Account account;

    public RegistryAccess(Identities identities, LoginVerifier logins, PolicyAuthorizer authorizer, Workers workers,
                          AccessCache cache) {
        this.identities = identities;
        this.logins = logins;
        this.authorizer = authorizer;
        this.workers = workers;
        this.cache = cache;
        this.account = identities.account();
    }

    /**
     * The handler for an endpoint of {@code action}; a null action only authenticates (the version check). A
     * password checked before is admitted on the event loop from what the check established (see
     * {@link AccessCache}); anything else is checked on a worker.
     */
    public Handler<RoutingContext> forAction(String action) {
        return ctx -> {
            HttpServerRequest request = ctx.request();
            request.pause();
            RepositoryName repository = ctx.pathParam("name") == null ? null : RepositoryName.of(ctx.pathParam("name"));
            String resource = repository == null ? "*" : account.repositoryArn(repository.value());
            String mountFrom = request.query() != null && request.getParam("mount") != null
                    ? request.getParam("from") : null;
            Map<String, List<String>> context = RequestContext.connectionKeys(
                    request.remoteAddress().hostAddress(), request.isSSL());
            String authorization = request.getHeader("Authorization");
            AccessCache.Known known;
            String password;
            try {
                // only credentials that passed a check are cached, so a hit needs no decoding
                known = authorization == null || mountFrom != null ? null : cache.get(authorization, resource);
                password = known == null ? basicPassword(authorization) : null;
                if (known != null) {
                    admit(ctx, known, action, repository, resource, context);
                }
            } catch (RuntimeException refused) {
                refuse(ctx, refused);
                return;
            }
            if (known != null) {
                ctx.next();
                return;
            }
            workers.run(() -> check(ctx, authorization, password, action, repository, resource, mountFrom, context))
                    .onSuccess(checked -> ctx.next())
                    .onFailure(failure -> refuse(ctx, failure));
        };
    }

    private static void refuse(RoutingContext ctx, Throwable failure) {
        if (failure instanceof UnauthenticatedException) {
            ctx.response().putHeader("WWW-Authenticate", CHALLENGE);
        }
        ctx.fail(failure);
    }

    private Void check(RoutingContext ctx, String authorization, String password, String action,
                       RepositoryName repository, String resource, String mountFrom,
                       Map<String, List<String>> context) {
        if (password == null) {
            if (action == null) {
                throw new UnauthenticatedException("authentication required");
            }
            if (!authorizer.allows(anonymous(), action, resource, context)) {
                throw new UnauthenticatedException("authentication required");
            }
            ctx.put(MOUNT_ALLOWED, false);
            return null;
        }
        AccessCache.Known known = authenticate(authorization, password, resource);
        admit(ctx, known, action, repository, resource, context);
        if (action != null && mountFrom != null) {
            ctx.put(MOUNT_ALLOWED, mayRead(known.caller(), known.claims(), mountFrom, context));
        }
        return null;
    }

    /**
     * Checks the password and that its access key and the key's owner still exist, and reads the policies that
     * apply to the caller on the resource; keeps all that for the next requests with the same credentials
     * ({@code authorization}, the header the password came in). Blocking.
     */
    private AccessCache.Known authenticate(String authorization, String password, String resource) {
        long revision = cache.revision();
        LoginVerifier.Claims claims = logins.verify(password);
        AccessKey key = identities.keys().usable(claims.accessKeyId())
                .orElseThrow(() -> new UnauthenticatedException("the credentials were revoked"));
        RequestPrincipal caller = identities.principalOf(key)
                .orElseThrow(() -> new UnauthenticatedException("the credentials were revoked"));
        AccessCache.Known known = new AccessCache.Known(claims, caller, key.expiresAt(),
                authorizer.policiesFor(caller, resource), revision);
        cache.put(authorization, resource, known);
        return known;
    }

    /** Authorizes an authenticated caller from what is known: reads nothing, so it may run on an event loop. */
    private void admit(RoutingContext ctx, AccessCache.Known known, String action, RepositoryName repository,
                       String resource, Map<String, List<String>> context) {
        ctx.put(CALLER, known.caller());
        if (action == null) {
            return;
        }
        checkScope(known.claims(), action, repository);
        authorizer.authorize(known.caller(), action, resource, context, known.policies());
    }

    private boolean mayRead(RequestPrincipal caller, LoginVerifier.Claims claims, String from,
                            Map<String, List<String>> context) {
        try {
            RepositoryName source = RepositoryName.of(from);
            checkScope(claims, "ecr:GetDownloadUrlForLayer", source);
            authorizer.authorize(caller, "ecr:GetDownloadUrlForLayer", account.repositoryArn(source.value()), context);
            return true;
        } catch (RuntimeException denied) {
            return false;
        }
    }

    /** A limited credential (a cluster pull credential) may only do what its scope names. */
    private static void checkScope(LoginVerifier.Claims claims, String action, RepositoryName repository) {
        if (claims.pullOnly() && !PULL_ACTIONS.contains(action)) {
            throw new AccessDeniedException("this credential may only pull, not perform " + action, action);
        }
        if (!claims.repositoryPatterns().isEmpty()) {
            boolean inScope = repository != null && claims.repositoryPatterns().stream()
                    .anyMatch(pattern -> glob(pattern, repository.value()));
            if (!inScope) {
                throw new AccessDeniedException("this credential is not valid for " + (repository == null
                        ? "registry-wide requests" : "repository " + repository), action);
            }
        }
    }

    static boolean glob(String pattern, String value) {
        String regex = ("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return value.matches(regex);
    }

    /** Whoever sends no credentials: matches only a {@code "*"} principal of a resource policy. */
    private static RequestPrincipal anonymous() {
        return RequestPrincipal.service("anonymous");
    }

    /** The password of {@code Authorization: Basic base64(AWS:password)}, or null when there is none. */
    static String basicPassword(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new UnauthenticatedException("use Basic authentication with the user AWS and a login password");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UnauthenticatedException("malformed Basic credentials");
        }
        if (decoded.equals(":")) {
            return null; // skopeo and podman send empty credentials before logging in: the same as none
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !decoded.substring(0, colon).equals("AWS")) {
            throw new UnauthenticatedException("the user name must be AWS");
        }
        return decoded.substring(colon + 1);
    }
}
