package org.chaperone.api;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.chaperone.store.StorageUnavailableException;

import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Maps every failure to a JSON answer: no request ends in a bare 500 page. */
public final class Failures {
    private static final Logger LOG = Logger.getLogger(Failures.class.getName());
    /** Unique index names to what a duplicate means to the caller. */
    private static final Map<String, String> DUPLICATES = new java.util.concurrent.ConcurrentHashMap<>(Map.of(
            "user_email_per_organisation", "A user with this email already exists in the organisation."));

    private Failures() {}

    /** Later features name their unique indexes here so a duplicate answers 409 with a clear reason. */
    public static void describeDuplicate(String indexName, String message) {
        DUPLICATES.put(indexName, message);
    }

    public static void handle(RoutingContext ctx) {
        if (ctx.response().ended()) return;
        Throwable failure = ctx.failure();
        if (failure instanceof ApiException api) {
            reply(ctx, api.status(), api.body());
            return;
        }
        if (failure instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
            String message = DUPLICATES.entrySet().stream()
                    .filter(e -> String.valueOf(w.getError().getMessage()).contains(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse("This already exists.");
            reply(ctx, 409, error("conflict", message));
            return;
        }
        if (failure != null && StorageUnavailableException.isUnavailable(failure)) {
            ctx.response().putHeader("Retry-After", "5");
            reply(ctx, 503, error("storage_unavailable",
                    "The message store is unavailable; nothing was changed. Try again shortly."));
            return;
        }
        if (failure == null || failure instanceof io.vertx.ext.web.handler.HttpException) {
            int status = failure == null ? ctx.statusCode() : ((io.vertx.ext.web.handler.HttpException) failure).getStatusCode();
            switch (status) {
                case 401 -> reply(ctx, 401, error("unauthorized", "A valid bearer token is required."));
                case 403 -> reply(ctx, 403, error("forbidden", "Your role cannot do this."));
                case 404 -> reply(ctx, 404, error("not_found", "There is nothing at this address."));
                case 405 -> reply(ctx, 405, error("method_not_allowed", "This address does not accept that method."));
                case 413 -> reply(ctx, 413, error("too_large", "The request body is too large."));
                case 400 -> reply(ctx, 400, error("invalid_request", "The request could not be read."));
                default -> internal(ctx, status >= 400 ? status : 500, null);
            }
            return;
        }
        if (failure instanceof IllegalStateException && "the gateway is shutting down".equals(failure.getMessage())) {
            reply(ctx, 503, error("shutting_down", "The gateway is restarting; try again shortly."));
            return;
        }
        internal(ctx, 500, failure);
    }

    private static void internal(RoutingContext ctx, int status, Throwable failure) {
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "request " + ctx.request().method() + " " + ctx.request().path()
                + " failed (reference " + reference + ")", failure);
        reply(ctx, status, error("internal", "Something went wrong on our side; nothing was lost. Reference: " + reference)
                .put("reference", reference));
    }

    private static JsonObject error(String code, String message) {
        return new JsonObject().put("error", code).put("message", message);
    }

    private static void reply(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }
}
