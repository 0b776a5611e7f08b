package org.chaperone.index;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the highlighter's passages into plain text and the ranges of it that matched, so a screen can
 * mark them without ever treating a message's text as markup.
 */
final class SnippetFormatter extends PassageFormatter {
    static final String ELLIPSIS = "\u2026";

    @Override
    public Object format(Passage[] passages, String content) {
        StringBuilder text = new StringBuilder();
        List<SearchService.Mark> marks = new ArrayList<>();
        int previousEnd = -1;
        for (Passage p : passages) {
            int start = p.getStartOffset(), end = Math.min(p.getEndOffset(), content.length());
            if (start >= end) continue;
            if (start > 0 && start != previousEnd) text.append(text.isEmpty() ? ELLIPSIS : " " + ELLIPSIS + " ");
            int base = text.length() - start;
            text.append(content, start, end);
            int lastMarkEnd = -1;
            for (int i = 0; i < p.getNumMatches(); i++) {
                int ms = Math.max(p.getMatchStarts()[i], start), me = Math.min(p.getMatchEnds()[i], end);
                if (ms >= me) continue;
                if (ms <= lastMarkEnd && !marks.isEmpty()) {   // overlapping or touching: one mark
                    SearchService.Mark last = marks.removeLast();
                    marks.add(new SearchService.Mark(last.start(), Math.max(last.end(), base + me)));
                } else {
                    marks.add(new SearchService.Mark(base + ms, base + me));
                }
                lastMarkEnd = Math.max(lastMarkEnd, me);
            }
            previousEnd = end;
        }
        if (previousEnd >= 0 && previousEnd < content.length()) text.append(ELLIPSIS);
        return new SearchService.Snippet(text.toString(), List.copyOf(marks));
    }

    /** The opening of a text, cut at a word, for results listed without words to match. */
    static SearchService.Snippet opening(String content, int length) {
        if (content == null) return new SearchService.Snippet("", List.of());
        if (content.length() <= length) return new SearchService.Snippet(content, List.of());
        int cut = content.lastIndexOf(' ', length);
        if (cut < length / 2) cut = length;
        return new SearchService.Snippet(content.substring(0, cut) + ELLIPSIS, List.of());
    }
}
