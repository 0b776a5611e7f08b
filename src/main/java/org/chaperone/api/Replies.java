package org.chaperone.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.chaperone.store.Docs;

import java.util.Collection;
import java.util.function.Function;

/** JSON answers. */
public final class Replies {
    private Replies() {}

    public static Future<Void> json(RoutingContext ctx, int status, Object body) {
        return ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(encode(body));
    }

    public static Future<Void> ok(RoutingContext ctx, Object body) {
        return json(ctx, 200, body);
    }

    public static Future<Void> created(RoutingContext ctx, Object body) {
        return json(ctx, 201, body);
    }

    public static Future<Void> noContent(RoutingContext ctx) {
        return ctx.response().setStatusCode(204).end();
    }

    public static <T> JsonObject list(Collection<T> items, Function<T, Object> view) {
        JsonArray array = new JsonArray();
        for (T item : items) array.add(view.apply(item));
        return new JsonObject().put("items", array).put("count", items.size());
    }

    /** A record as JSON through the same mapping the store uses (ISO dates, wire names for enums). */
    public static JsonObject toJson(Object record) {
        try {
            return new JsonObject(Docs.JSON.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + record.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String encode(Object body) {
        if (body instanceof JsonObject o) return o.encode();
        if (body instanceof JsonArray a) return a.encode();
        return toJson(body).encode();
    }
}
