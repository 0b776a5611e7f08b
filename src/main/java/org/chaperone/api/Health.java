package org.chaperone.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /health}: the process is alive. {@code /ready}: every registered check passes (MongoDB
 * reachable, and what later features add), otherwise 503 naming the failing checks.
 */
public final class Health {
    private final Map<String, Supplier<Future<String>>> checks = new LinkedHashMap<>();

    /** A check answers a short status text, or fails with the reason. */
    public synchronized void register(String name, Supplier<Future<String>> check) {
        checks.put(name, check);
    }

    void live(RoutingContext ctx) {
        Replies.ok(ctx, new JsonObject().put("status", "UP"));
    }

    void ready(RoutingContext ctx) {
        List<Map.Entry<String, Supplier<Future<String>>>> all;
        synchronized (this) {
            all = List.copyOf(checks.entrySet());
        }
        List<Future<String>> results = all.stream().map(e -> {
            try {
                return e.getValue().get();
            } catch (RuntimeException ex) {
                return Future.<String>failedFuture(ex);
            }
        }).toList();
        Future.join(results).onComplete(done -> {
            JsonObject body = new JsonObject();
            boolean up = true;
            for (int i = 0; i < all.size(); i++) {
                Future<String> f = results.get(i);
                JsonObject check = new JsonObject();
                if (f.succeeded()) {
                    check.put("status", "UP").put("detail", f.result());
                } else {
                    up = false;
                    check.put("status", "DOWN").put("reason", String.valueOf(f.cause().getMessage()));
                }
                body.put(all.get(i).getKey(), check);
            }
            Replies.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", body));
        });
    }
}
