package org.chaperone.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads what a person typed into the search box as a query over the words of messages (subject and
 * text) — words, "quoted phrases", AND / OR / NOT, +must and -must-not, word* and word~ — and refuses
 * what would escape the words or cost too much: field names (organisationId:…, pairing:…), a match of
 * everything (*:*), leading or short wildcards, regular expressions and ranges. Whatever it accepts is
 * only ever combined with the caller's scope as a separate required clause, so even an accepted query
 * cannot reach another organisation's messages; refusing is about a clear answer, not the boundary.
 */
final class QueryText {
    static final int MAX_LENGTH = 500;
    /** Letters a prefix or wildcard must start with, so "a*" cannot expand to most of the vocabulary. */
    static final int MIN_PREFIX = 2;

    /** A search the person must change; the reason is written for them. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private QueryText() {}

    static Query parse(String text, Analyzer analyzer) {
        if (text.length() > MAX_LENGTH) throw new Refused("must be at most " + MAX_LENGTH + " characters");
        MultiFieldQueryParser parser = new MultiFieldQueryParser(new String[]{IndexedMessage.SUBJECT, IndexedMessage.TEXT},
                analyzer, Map.of(IndexedMessage.SUBJECT, 1.5f, IndexedMessage.TEXT, 1.0f));
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setAllowLeadingWildcard(false);
        Query query;
        try {
            query = parser.parse(text);
        } catch (ParseException | TokenMgrError e) {
            throw new Refused("could not be read as a search (" + firstLine(e.getMessage()) + "); use words, \"quoted "
                    + "phrases\", AND, OR, NOT and word* — and put a backslash before any of + - && || ! ( ) { } [ ] ^ \" ~ * ? : \\ / "
                    + "you mean literally");
        } catch (IndexSearcher.TooManyClauses e) {
            throw new Refused("has too many words; make it shorter");
        }
        if (query == null || query instanceof MatchNoDocsQuery || (query instanceof BooleanQuery b && b.clauses().isEmpty())) {
            throw new Refused("has no words to search for (very common words such as \"the\" or \"and\" are not indexed)");
        }
        query.visit(new Checker());
        return query;
    }

    private static String firstLine(String s) {
        if (s == null) return "syntax error";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static final class Checker extends QueryVisitor {
        @Override
        public boolean acceptField(String field) {
            if (!IndexedMessage.WORD_FIELDS.contains(field)) {
                throw new Refused("searches the words of messages only; '" + field + ":' is not something to search "
                        + "in — use the filters (category, severity, verdict, pairing, from, to) instead");
            }
            return true;
        }

        @Override
        public void visitLeaf(Query query) {
            String kind = query.getClass().getSimpleName();
            if (query instanceof MatchNoDocsQuery) return; // a part that was only common words
            if (kind.equals("MatchAllDocsQuery")) {
                throw new Refused("cannot match every message; leave q out to list messages by the filters alone");
            }
            throw new Refused("uses a kind of search that is not supported here (" + kind + ")");
        }

        @Override
        public void consumeTerms(Query query, Term... terms) {
            // words and phrases: fine
        }

        @Override
        public void consumeTermsMatching(Query query, String field, Supplier<ByteRunAutomaton> automaton) {
            if (query instanceof FuzzyQuery) return; // bounded by Lucene (at most 2 edits, 50 expansions)
            if (query instanceof PrefixQuery p) {
                if (p.getPrefix().text().length() < MIN_PREFIX) throw short_(p.getPrefix().text() + "*");
                return;
            }
            if (query instanceof WildcardQuery w) {
                String t = w.getTerm().text();
                int literal = 0;
                while (literal < t.length() && t.charAt(literal) != '*' && t.charAt(literal) != '?') literal++;
                if (literal < MIN_PREFIX) throw short_(t);
                return;
            }
            throw new Refused("uses a regular expression or a range, which is not supported here; use words, "
                    + "phrases and word*");
        }

        private static Refused short_(String pattern) {
            return new Refused("'" + pattern + "' is too broad: a word with * or ? must start with at least "
                    + MIN_PREFIX + " letters");
        }

        @Override
        public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return this;
        }
    }
}
