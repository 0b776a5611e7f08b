package org.chaperone.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * The naive baseline: each rule becomes java.util.regex patterns (a phrase is words joined by
 * non-word characters, slop allows that many words between, boolean clauses combine patterns),
 * and a message is tested against every rule in turn.
 */
final class RegexRules {
    private final List<Predicate<String>> rules;
    private final boolean stemmed;

    /** @param stemmed the queries' terms are stems, so match any word that starts with them */
    RegexRules(List<Query> queries, boolean stemmed) {
        this.stemmed = stemmed;
        rules = queries.stream().map(this::predicate).toList();
    }

    int size() {
        return rules.size();
    }

    /** Indexes of the rules that match. */
    int count(String text) {
        int n = 0;
        for (Predicate<String> r : rules) if (r.test(text)) n++;
        return n;
    }

    private Predicate<String> predicate(Query q) {
        if (q instanceof BoostQuery b) return predicate(b.getQuery());
        if (q instanceof BooleanQuery b) {
            List<Predicate<String>> must = new ArrayList<>(), should = new ArrayList<>(), not = new ArrayList<>();
            for (BooleanClause c : b.clauses()) {
                Predicate<String> p = predicate(c.query());
                switch (c.occur()) {
                    case MUST, FILTER -> must.add(p);
                    case SHOULD -> should.add(p);
                    case MUST_NOT -> not.add(p);
                }
            }
            return text -> {
                for (Predicate<String> p : not) if (p.test(text)) return false;
                for (Predicate<String> p : must) if (!p.test(text)) return false;
                if (!must.isEmpty() || should.isEmpty()) return true;
                for (Predicate<String> p : should) if (p.test(text)) return true;
                return false;
            };
        }
        Pattern p = Pattern.compile("\\b" + fragment(q) + "\\b", Pattern.CASE_INSENSITIVE);
        return text -> p.matcher(text).find();
    }

    /** A regex for one word, phrase or span, without the outer word boundaries. */
    private String fragment(Query q) {
        if (q instanceof TermQuery t) return word(t.getTerm());
        if (q instanceof SpanTermQuery t) return word(t.getTerm());
        if (q instanceof SynonymQuery s) return "(?:" + s.getTerms().stream().map(this::word).collect(Collectors.joining("|")) + ")";
        if (q instanceof PrefixQuery p) return Pattern.quote(p.getPrefix().text()) + "\\w*";
        if (q instanceof WildcardQuery w) {
            return Pattern.quote(w.getTerm().text()).replace("*", "\\E\\w*\\Q").replace("?", "\\E\\w\\Q");
        }
        if (q instanceof SpanMultiTermQueryWrapper<?> m) return fragment(m.getWrappedQuery());
        if (q instanceof PhraseQuery p) {
            List<String> words = new ArrayList<>();
            for (Term t : p.getTerms()) words.add(word(t));
            return join(words, p.getSlop());
        }
        if (q instanceof MultiPhraseQuery m) {
            List<String> words = new ArrayList<>();
            for (Term[] alts : m.getTermArrays()) {
                List<String> a = new ArrayList<>();
                for (Term t : alts) a.add(word(t));
                words.add("(?:" + String.join("|", a) + ")");
            }
            return join(words, m.getSlop());
        }
        if (q instanceof SpanOrQuery o) {
            List<String> alts = new ArrayList<>();
            for (SpanQuery c : o.getClauses()) alts.add(fragment(c));
            return "(?:" + String.join("|", alts) + ")";
        }
        if (q instanceof SpanNearQuery n) {
            List<String> parts = new ArrayList<>();
            for (SpanQuery c : n.getClauses()) parts.add(fragment(c));
            return join(parts, n.getSlop());
        }
        throw new IllegalArgumentException("no regex for " + q.getClass().getSimpleName() + ": " + q);
    }

    private String word(Term t) {
        return Pattern.quote(t.text()) + (stemmed ? "\\w*" : "");
    }

    private static String join(List<String> parts, int slop) {
        String gap = slop == 0 ? "\\W+" : "\\W+(?:\\w+\\W+){0," + slop + "}";
        return "(?:" + String.join(gap, parts) + ")";
    }
}
