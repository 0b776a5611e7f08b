package org.chaperone.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a JSON request body field by field, collecting every problem, so one 400 answer names all
 * the bad fields at once. Call {@link #check()} after reading.
 */
public final class Body {
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private final JsonObject json;
    private final List<FieldError> errors = new ArrayList<>();
    private final Set<String> allowed;

    private Body(JsonObject json, Set<String> allowed) {
        this.json = json;
        this.allowed = allowed;
    }

    /** The request's JSON object; fields not in {@code allowed} are refused (typos must not pass silently). */
    public static Body of(RoutingContext ctx, String... allowed) {
        String raw = ctx.body() == null ? null : ctx.body().asString();
        if (raw == null || raw.isBlank()) throw ApiException.invalid("body", "must be a JSON object");
        JsonObject json;
        try {
            Object parsed = io.vertx.core.json.Json.decodeValue(raw);
            if (!(parsed instanceof JsonObject o)) throw ApiException.invalid("body", "must be a JSON object");
            json = o;
        } catch (DecodeException e) {
            throw ApiException.invalid("body", "is not valid JSON");
        }
        Body body = new Body(json, Set.of(allowed));
        for (String name : json.fieldNames()) {
            if (!body.allowed.contains(name)) body.errors.add(new FieldError(name, "is not a known field"));
        }
        return body;
    }

    public boolean has(String field) {
        return json.containsKey(field);
    }

    public String string(String field, boolean required, int maxLength) {
        Object v = json.getValue(field);
        if (v == null) {
            if (required) errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!(v instanceof String s)) {
            errors.add(new FieldError(field, "must be text"));
            return null;
        }
        String t = s.strip();
        if (required && t.isEmpty()) {
            errors.add(new FieldError(field, "must not be empty"));
            return null;
        }
        if (t.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
            return null;
        }
        if (t.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            errors.add(new FieldError(field, "must not contain line breaks or NUL characters"));
            return null;
        }
        return t;
    }

    /** Free text such as a message body: line breaks allowed. */
    public String text(String field, boolean required, int maxLength) {
        Object v = json.getValue(field);
        if (v == null) {
            if (required) errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!(v instanceof String s)) {
            errors.add(new FieldError(field, "must be text"));
            return null;
        }
        if (required && s.isBlank()) {
            errors.add(new FieldError(field, "must not be empty"));
            return null;
        }
        if (s.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
            return null;
        }
        if (s.indexOf(0) >= 0) {
            errors.add(new FieldError(field, "must not contain NUL characters"));
            return null;
        }
        return s;
    }

    public String email(String field, boolean required) {
        String s = string(field, required, 254);
        if (s == null) return null;
        if (!EMAIL.matcher(s).matches()) {
            errors.add(new FieldError(field, "must be an email address such as name@example.org"));
            return null;
        }
        return s.toLowerCase(Locale.ROOT);
    }

    public LocalDate date(String field, boolean required) {
        String s = string(field, required, 10);
        if (s == null) return null;
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date written YYYY-MM-DD"));
            return null;
        }
    }

    public Boolean bool(String field, boolean required) {
        Object v = json.getValue(field);
        if (v == null) {
            if (required) errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!(v instanceof Boolean b)) {
            errors.add(new FieldError(field, "must be true or false"));
            return null;
        }
        return b;
    }

    public Integer integer(String field, boolean required, int min, int max) {
        Object v = json.getValue(field);
        if (v == null) {
            if (required) errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            errors.add(new FieldError(field, "must be a whole number"));
            return null;
        }
        long l = n.longValue();
        if (l < min || l > max) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
            return null;
        }
        return (int) l;
    }

    public List<String> strings(String field, boolean required, int maxItems, int maxLength) {
        Object v = json.getValue(field);
        if (v == null) {
            if (required) errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!(v instanceof JsonArray array)) {
            errors.add(new FieldError(field, "must be a list of text"));
            return null;
        }
        if (array.size() > maxItems) {
            errors.add(new FieldError(field, "must have at most " + maxItems + " items"));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object item = array.getValue(i);
            if (!(item instanceof String s) || s.isBlank() || s.length() > maxLength
                    || s.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                errors.add(new FieldError(field + "[" + i + "]", "must be a single line of text up to " + maxLength + " characters"));
                return null;
            }
            out.add(s.strip());
        }
        return out;
    }

    public JsonObject object(String field) {
        Object v = json.getValue(field);
        if (v == null) return null;
        if (!(v instanceof JsonObject o)) {
            errors.add(new FieldError(field, "must be an object"));
            return null;
        }
        return o;
    }

    /** Parses {@code field} with {@code parser}; an {@link IllegalArgumentException}'s message becomes the reason. */
    public <T> T parsed(String field, boolean required, Function<String, T> parser) {
        String s = string(field, required, 200);
        if (s == null) return null;
        try {
            return parser.apply(s);
        } catch (RuntimeException e) {
            errors.add(new FieldError(field, e.getMessage() == null ? "is not valid" : e.getMessage()));
            return null;
        }
    }

    public void reject(String field, String reason) {
        errors.add(new FieldError(field, reason));
    }

    public JsonObject json() {
        return json;
    }

    /** Throws a 400 naming every problem found so far. */
    public void check() {
        if (!errors.isEmpty()) throw ApiException.invalid(errors);
    }
}
