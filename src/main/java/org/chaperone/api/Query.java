package org.chaperone.api;

import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Reads query parameters the way {@link Body} reads JSON: every problem is collected, and one 400
 * answer names each bad parameter. Unknown parameters are refused, so a typo cannot silently widen
 * a filter.
 */
public final class Query {
    private final RoutingContext ctx;
    private final List<FieldError> errors = new ArrayList<>();

    private Query(RoutingContext ctx) {
        this.ctx = ctx;
    }

    public static Query of(RoutingContext ctx, String... allowed) {
        Query q = new Query(ctx);
        Set<String> known = Set.of(allowed);
        for (String name : ctx.queryParams().names()) {
            if (!known.contains(name)) q.errors.add(new FieldError(name, "is not a known parameter"));
            else if (ctx.queryParams().getAll(name).size() > 1) q.errors.add(new FieldError(name, "must be given once"));
        }
        return q;
    }

    public String string(String name, int maxLength) {
        String v = ctx.queryParams().get(name);
        if (v == null || v.isBlank()) return null;
        if (v.length() > maxLength) {
            errors.add(new FieldError(name, "must be at most " + maxLength + " characters"));
            return null;
        }
        return v.strip();
    }

    /** A comma-separated list, each item one of {@code allowed} (or anything when {@code allowed} is null). */
    public List<String> list(String name, Collection<String> allowed) {
        String v = string(name, 500);
        if (v == null) return List.of();
        List<String> out = Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        if (allowed != null) {
            for (String item : out) {
                if (!allowed.contains(item)) {
                    errors.add(new FieldError(name, "'" + item + "' is not one of " + String.join(", ", allowed)));
                    return List.of();
                }
            }
        }
        return out;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String v = string(name, 12);
        if (v == null) return defaultValue;
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                errors.add(new FieldError(name, "must be between " + min + " and " + max));
                return defaultValue;
            }
            return i;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "must be a whole number"));
            return defaultValue;
        }
    }

    /**
     * A moment: an ISO instant (2026-03-01T09:00:00Z) or a date (2026-03-01, a whole UTC day:
     * its start for a lower bound, the start of the next day for an upper bound).
     */
    public Instant moment(String name, boolean upperBound) {
        String v = string(name, 40);
        if (v == null) return null;
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (upperBound ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be a date (YYYY-MM-DD) or a time such as 2026-03-01T09:00:00Z"));
            return null;
        }
    }

    public <T> T parsed(String name, java.util.function.Function<String, T> parser) {
        String v = string(name, 100);
        if (v == null) return null;
        try {
            return parser.apply(v);
        } catch (RuntimeException e) {
            errors.add(new FieldError(name, e.getMessage() == null ? "is not valid" : e.getMessage()));
            return null;
        }
    }

    public void reject(String name, String reason) {
        errors.add(new FieldError(name, reason));
    }

    public void check() {
        if (!errors.isEmpty()) throw new ApiException(400, "invalid_request", "The request has invalid parameters.", errors);
    }
}
