package org.chaperone.screening.concern;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Phrases with alternatives and wildcards, as in Lucene's complex-phrase syntax:
 * {@code "(don't OR never) tell (anyone OR your parents)"~2} or {@code "kill* myself"}. An
 * alternative may be several words. Built as span queries, which Lucene Monitor can presearch (on
 * their plain words) and highlight.
 */
final class PhraseAlternatives {
    private final String field;
    private final Analyzer analyzer;

    PhraseAlternatives(String field, Analyzer analyzer) {
        this.field = field;
        this.analyzer = analyzer;
    }

    /** True when a quoted phrase uses this syntax rather than plain words. */
    static boolean applies(String phrase) {
        return phrase.indexOf('(') >= 0 || phrase.indexOf('*') >= 0 || phrase.indexOf('?') >= 0;
    }

    /** The phrase as a span query; words in order with at most {@code slop} others between them. */
    SpanQuery parse(String phrase, int slop) {
        List<String> tokens = lex(phrase);
        int[] at = {0};
        List<SpanQuery> elements = new ArrayList<>();
        while (at[0] < tokens.size()) {
            String t = tokens.get(at[0]);
            if (t.equals("(")) {
                at[0]++;
                elements.add(group(tokens, at));
            } else if (t.equals(")") || t.equals("OR")) {
                throw new IllegalArgumentException("unexpected '" + t + "' in phrase \"" + phrase + "\"");
            } else {
                at[0]++;
                elements.add(word(t));
            }
        }
        if (elements.isEmpty()) throw new IllegalArgumentException("empty phrase");
        return elements.size() == 1 ? elements.get(0)
                : new SpanNearQuery(elements.toArray(SpanQuery[]::new), slop, true);
    }

    /** {@code (a OR b c OR d)} after its opening bracket: alternatives, each one or more words. */
    private SpanQuery group(List<String> tokens, int[] at) {
        List<SpanQuery> alternatives = new ArrayList<>();
        StringBuilder words = new StringBuilder();
        while (true) {
            if (at[0] >= tokens.size()) throw new IllegalArgumentException("a '(' in a phrase is not closed");
            String t = tokens.get(at[0]++);
            if (t.equals("(")) throw new IllegalArgumentException("brackets inside a phrase cannot nest");
            if (t.equals("OR") || t.equals(")")) {
                if (words.isEmpty()) throw new IllegalArgumentException("an empty alternative in a phrase");
                alternatives.add(words(words.toString().trim()));
                words.setLength(0);
                if (t.equals(")")) break;
            } else {
                words.append(t).append(' ');
            }
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new SpanOrQuery(alternatives.toArray(SpanQuery[]::new));
    }

    /** Several words in a row inside a group, e.g. {@code your parents}. */
    private SpanQuery words(String text) {
        String[] parts = text.split(" ");
        if (parts.length == 1) return word(parts[0]);
        List<SpanQuery> seq = new ArrayList<>();
        for (String p : parts) seq.add(word(p));
        return new SpanNearQuery(seq.toArray(SpanQuery[]::new), 0, true);
    }

    /** One written word: a wildcard, or what the analyzer reads it as (maybe several words). */
    private SpanQuery word(String w) {
        if (w.indexOf('*') >= 0 || w.indexOf('?') >= 0) {
            BytesRef norm = analyzer.normalize(field, w);
            String n = norm.utf8ToString();
            if (n.replace("*", "").replace("?", "").isEmpty()) {
                throw new IllegalArgumentException("wildcard '" + w + "' has no letters");
            }
            boolean prefix = n.indexOf('?') < 0 && n.indexOf('*') == n.length() - 1;
            return new SpanMultiTermQueryWrapper<>(prefix
                    ? new PrefixQuery(new Term(field, n.substring(0, n.length() - 1)))
                    : new WildcardQuery(new Term(field, n)));
        }
        List<List<String>> positions = analyse(w);
        if (positions.isEmpty()) throw new IllegalArgumentException("'" + w + "' has no words after analysis");
        List<SpanQuery> seq = new ArrayList<>();
        for (List<String> readings : positions) {
            List<SpanQuery> terms = readings.stream().distinct()
                    .<SpanQuery>map(r -> new SpanTermQuery(new Term(field, r))).toList();
            seq.add(terms.size() == 1 ? terms.get(0) : new SpanOrQuery(terms.toArray(SpanQuery[]::new)));
        }
        return seq.size() == 1 ? seq.get(0) : new SpanNearQuery(seq.toArray(SpanQuery[]::new), 0, true);
    }

    private List<List<String>> analyse(String text) {
        List<List<String>> positions = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int pos = -1;
            while (ts.incrementToken()) {
                pos += Math.max(inc.getPositionIncrement(), positions.isEmpty() ? 1 : 0);
                while (positions.size() <= pos) positions.add(new ArrayList<>());
                positions.get(pos).add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        positions.removeIf(List::isEmpty);
        return positions;
    }

    private static List<String> lex(String phrase) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < phrase.length(); i++) {
            char c = phrase.charAt(i);
            if (c == '(' || c == ')' || Character.isWhitespace(c)) {
                if (!cur.isEmpty()) out.add(cur.toString());
                cur.setLength(0);
                if (!Character.isWhitespace(c)) out.add(String.valueOf(c));
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) out.add(cur.toString());
        return out;
    }
}
