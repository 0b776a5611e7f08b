package org.chaperone.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.chaperone.auth.Caller;
import org.chaperone.auth.TokenService;
import org.chaperone.concurrent.Blocking;
import org.chaperone.registry.Registry;

import java.util.List;

/**
 * The HTTP surface: security headers everywhere, {@code /health} and {@code /ready}, public sign-in
 * routes, and every other {@code /api/v1} route behind a verified token whose user is still active.
 */
public final class ApiRouter {
    public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    private ApiRouter() {}

    public static Router create(Vertx vertx, TokenService tokens, Registry registry, Blocking blocking,
                                Health health, RouteGroup publicRoutes, List<RouteGroup> groups) {
        Router root = Router.router(vertx);
        root.route().handler(ApiRouter::securityHeaders);
        root.get("/health").handler(health::live);
        root.get("/ready").handler(health::ready);

        Router api = Router.router(vertx);
        api.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        publicRoutes.mount(api);
        api.route().handler(tokens.handler());
        api.route().handler(ctx -> loadCaller(ctx, registry, blocking));
        for (RouteGroup g : groups) g.mount(api);
        api.route().handler(ctx -> ctx.fail(404));
        api.route().failureHandler(Failures::handle);
        root.route("/api/v1/*").subRouter(api);
        root.route().failureHandler(Failures::handle);
        return root;
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Content-Security-Policy",
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
                .putHeader("Cache-Control", "no-store");
        ctx.next();
    }

    /** A token of a deactivated or deleted user stops working at once, not at expiry. */
    private static void loadCaller(RoutingContext ctx, Registry registry, Blocking blocking) {
        Caller caller;
        try {
            caller = TokenService.caller(ctx);
        } catch (RuntimeException e) {
            ctx.fail(401);
            return;
        }
        blocking.call(() -> registry.user(caller.organisationId(), caller.userId()))
                .onSuccess(user -> {
                    if (user.isEmpty() || !user.get().active() || user.get().role() != caller.role()) {
                        ctx.fail(401);
                    } else {
                        ctx.put(Me.KEY, user.get());
                        ctx.next();
                    }
                })
                .onFailure(ctx::fail);
    }

    /** Allows {@code OPTIONS}-free JSON APIs only; listed for the access-matrix test. */
    public static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH, HttpMethod.DELETE);
}
