package org.chaperone.screening.concern;

import java.util.Objects;

/**
 * One rule of the concern library: a Lucene query for a category, as written in the library file
 * or a programme's overrides.
 *
 * @param id       unique in the library: {@code category.local-id}, e.g. {@code self_harm.want-to-die}
 * @param severity the query's own severity; null means the category's (the library fills it in)
 * @param source   where it was written (a file path), for problem reports and the review screen
 */
public record ConcernQuery(String id, Category category, Severity severity, String query, boolean enabled,
                           String note, String source) {
    public ConcernQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(query, "query");
        note = note == null ? "" : note;
        source = source == null ? "" : source;
    }

    /** A rule built in code (tests, benchmarks, generated libraries). */
    public static ConcernQuery of(String id, Category category, Severity severity, String query) {
        return new ConcernQuery(id, category, severity, query, true, "", "");
    }

    ConcernQuery withSeverity(Severity s) {
        return new ConcernQuery(id, category, s, query, enabled, note, source);
    }

    ConcernQuery withEnabled(boolean on) {
        return new ConcernQuery(id, category, severity, query, on, note, source);
    }
}
