package org.chaperone.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A failure the caller can act on, with the HTTP status and a JSON body:
 * {@code {"error": "...", "message": "...", "fields": [{"field", "reason"}]}}.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String error;
    private final List<FieldError> fields;

    public ApiException(int status, String error, String message, List<FieldError> fields) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public static ApiException invalid(List<FieldError> fields) {
        return new ApiException(400, "invalid_request", "The request has invalid fields.", fields);
    }

    public static ApiException invalid(String field, String reason) {
        return invalid(List.of(new FieldError(field, reason)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " was not found in your organisation, or you cannot see it.", null);
    }

    public static ApiException forbidden(String reason) {
        return new ApiException(403, "forbidden", reason, null);
    }

    public static ApiException conflict(String reason) {
        return new ApiException(409, "conflict", reason, null);
    }

    public static ApiException unprocessable(String reason) {
        return new ApiException(422, "unprocessable", reason, null);
    }

    public int status() {
        return status;
    }

    public JsonObject body() {
        JsonObject body = new JsonObject().put("error", error).put("message", getMessage());
        if (!fields.isEmpty()) {
            JsonArray array = new JsonArray();
            for (FieldError f : fields) array.add(new JsonObject().put("field", f.field()).put("reason", f.reason()));
            body.put("fields", array);
        }
        return body;
    }
}
