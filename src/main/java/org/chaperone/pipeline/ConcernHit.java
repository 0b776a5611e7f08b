package org.chaperone.pipeline;

import java.util.List;

/** A concern matched in a text part, with the query that matched and the highlighted spans. */
public record ConcernHit(String category, String severity, String queryId, String query, String part,
                         List<Span> spans) {
    public record Span(int start, int end, String text) {}
}
