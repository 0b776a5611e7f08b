package org.chaperone.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP against a started gateway (java.net.http), with JSON in and out. */
public final class Api {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public Api(String base) {
        this.base = base;
    }

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public JsonArray items() {
            return json().getJsonArray("items");
        }

        /** The reasons given for a field in a 400 answer. */
        public String reasonFor(String field) {
            JsonArray fields = json().getJsonArray("fields");
            if (fields == null) return null;
            for (int i = 0; i < fields.size(); i++) {
                if (field.equals(fields.getJsonObject(i).getString("field"))) return fields.getJsonObject(i).getString("reason");
            }
            return null;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public String base() {
        return base;
    }

    public Response get(String path, String token) {
        return send(builder(path, token).GET());
    }

    public Response delete(String path, String token) {
        return send(builder(path, token).DELETE());
    }

    public Response post(String path, String token, Object body) {
        return send(builder(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(String.valueOf(body))));
    }

    public Response patch(String path, String token, Object body) {
        return send(builder(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(String.valueOf(body))));
    }

    public Response raw(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder b = builder(path, token);
        if (contentType != null) b.header("Content-Type", contentType);
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Signs in and returns the bearer token; fails the test if sign-in fails. */
    public String signIn(String email, String password) {
        Response r = post("/api/v1/auth/token", null, new JsonObject().put("email", email).put("password", password));
        if (r.status() != 200) throw new AssertionError("sign-in of " + email + " failed: " + r);
        return r.json().getString("token");
    }

    private HttpRequest.Builder builder(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    private Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
