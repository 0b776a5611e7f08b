package org.chaperone.screening.concern;

import java.util.List;

/**
 * One concern query that matched a message: what it is about, how serious, which query, and the
 * words that matched, as offsets into the text the person wrote.
 */
public record ConcernMatch(Category category, Severity severity, String queryId, String query, List<Span> spans) {

    public ConcernMatch {
        spans = List.copyOf(spans);
    }

    /** The matched words: {@code [start, end)} in the original text, and that slice of it. */
    public record Span(int start, int end, String text) {}

    /** The matched words joined for a one-line summary. */
    public String matchedText() {
        return String.join(" … ", spans.stream().map(Span::text).toList());
    }
}
