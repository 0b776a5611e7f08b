package org.chaperone.screening.concern;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.chaperone.screening.concern.analysis.ConcernAnalyzer;

/**
 * Turns a query as written in the library (Lucene classic syntax, terms joined by AND unless
 * written otherwise, and phrases with alternatives and wildcards as in Lucene's complex-phrase
 * syntax: see {@link PhraseAlternatives}) into a Lucene query read by the {@link ConcernAnalyzer}, and refuses queries
 * that Lucene Monitor's presearcher cannot index: those would run against every message.
 */
final class ConcernQueryParser {
    static final String FIELD = "text";

    /** Either the query or why it cannot be used. */
    record Parsed(Query query, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    private final ConcernAnalyzer analyzer;
    /** Used only to ask which terms a query would be indexed under. */
    private final TermFilteredPresearcher anchorCheck = new TermFilteredPresearcher();

    ConcernQueryParser(ConcernAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    Parsed parse(String text) {
        if (text == null || text.isBlank()) return new Parsed(null, "the query is empty");
        QueryParser parser = new WithPhraseAlternatives(analyzer);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setSplitOnWhitespace(true);
        parser.setAutoGeneratePhraseQueries(true); // "don't" reads as two words: keep them a phrase
        Query q;
        try {
            q = parser.parse(text);
        } catch (ParseException | IllegalArgumentException e) {
            return new Parsed(null, "does not parse: " + firstLine(e.getMessage()));
        }
        if (q == null || q instanceof MatchNoDocsQuery) {
            return new Parsed(null, "has no words left after analysis");
        }
        if (onlyExclusions(q)) {
            return new Parsed(null, "only excludes words; say what it should match");
        }
        if (mixesRequiredAndOptional(q)) {
            return new Parsed(null, "mixes required words with OR alternatives at the same level, so the"
                    + " alternatives would be ignored; put brackets round the OR group, e.g. (a -b) OR c");
        }
        if (!anchored(q)) {
            return new Parsed(null, "has no required concrete word (only wildcards, fuzzy or ranges),"
                    + " so it would run against every message; add a plain word or phrase");
        }
        return new Parsed(q, null);
    }

    /** The classic parser, with quoted phrases that use alternatives or wildcards read as spans. */
    private static final class WithPhraseAlternatives extends QueryParser {
        private final PhraseAlternatives phrases;

        WithPhraseAlternatives(ConcernAnalyzer analyzer) {
            super(FIELD, analyzer);
            phrases = new PhraseAlternatives(FIELD, analyzer);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
            if (!PhraseAlternatives.applies(queryText)) return super.getFieldQuery(field, queryText, slop);
            try {
                return phrases.parse(queryText, slop);
            } catch (IllegalArgumentException e) {
                throw new ParseException(e.getMessage());
            }
        }
    }

    /**
     * In Lucene a SHOULD clause next to a MUST clause only adds to the score, so "a -b OR c" (read
     * as +a -b c) never matches on c alone. In a concern query that is always a mistake.
     */
    private static boolean mixesRequiredAndOptional(Query q) {
        if (!(q instanceof BooleanQuery b)) return false;
        boolean required = false, optional = false;
        for (BooleanClause c : b.clauses()) {
            required |= c.isRequired();
            optional |= c.occur() == BooleanClause.Occur.SHOULD;
            if (mixesRequiredAndOptional(c.query())) return true;
        }
        return required && optional;
    }

    private static boolean onlyExclusions(Query q) {
        return q instanceof BooleanQuery b && !b.clauses().isEmpty()
                && b.clauses().stream().allMatch(c -> c.occur() == BooleanClause.Occur.MUST_NOT);
    }

    /** True when the presearcher indexes the query under concrete terms rather than "any token". */
    private boolean anchored(Query q) {
        Document d = anchorCheck.indexQuery(q, Map.of());
        for (IndexableField f : d.getFields()) {
            if (!f.name().equals(TermFilteredPresearcher.ANYTOKEN_FIELD)) continue;
            try (TokenStream ts = f.tokenStream(null, null)) {
                CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    if (TermFilteredPresearcher.ANYTOKEN.contentEquals(t)) return false;
                }
                ts.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown reason";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
