package org.chaperone.screening.concern.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.apache.lucene.util.automaton.UTF32ToUTF8;

/**
 * Every word a set of queries can match: their terms (including those of exclusions) and one
 * automaton for all their wildcards. A message's other words cannot change whether any of the
 * queries match, only where the matched words are, so when matching they are dropped and their
 * positions kept ({@link ConcernAnalyzer#forMatching(QueryVocabulary)}). Most words of a message
 * are not concern words, and indexing every word was a third of the cost of matching.
 */
public final class QueryVocabulary {
    private static final int DETERMINIZE_WORK_LIMIT = 100_000;

    private final CharArraySet terms;
    private final ByteRunAutomaton wildcards;

    private QueryVocabulary(CharArraySet terms, ByteRunAutomaton wildcards) {
        this.terms = terms;
        this.wildcards = wildcards;
    }

    /**
     * The vocabulary of {@code queries} on {@code field}, or empty when some query matches words
     * in a way that cannot be listed (then every word must be kept).
     */
    public static Optional<QueryVocabulary> of(Collection<Query> queries, String field) {
        CharArraySet terms = new CharArraySet(1024, false);
        List<Automaton> automata = new ArrayList<>();
        boolean[] unknown = {false};
        QueryVisitor visitor = new QueryVisitor() {
            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this; // exclusions too: dropping their words would stop them excluding
            }

            @Override
            public void consumeTerms(Query query, Term... ts) {
                for (Term t : ts) if (t.field().equals(field)) terms.add(t.text());
            }

            @Override
            public void consumeTermsMatching(Query query, String f, Supplier<ByteRunAutomaton> automaton) {
                if (!f.equals(field)) return;
                if (query instanceof AutomatonQuery aq) {
                    automata.add(aq.isAutomatonBinary() ? aq.getAutomaton() : new UTF32ToUTF8().convert(aq.getAutomaton()));
                } else {
                    unknown[0] = true;
                }
            }

            @Override
            public void visitLeaf(Query query) {
                unknown[0] = true;
            }
        };
        for (Query q : queries) q.visit(visitor);
        if (unknown[0]) return Optional.empty();
        ByteRunAutomaton wildcards = null;
        if (!automata.isEmpty()) {
            try {
                Automaton all = Operations.determinize(Operations.union(automata), DETERMINIZE_WORK_LIMIT);
                wildcards = new ByteRunAutomaton(all, true);
            } catch (TooComplexToDeterminizeException e) { // too many wildcards to combine: keep every word
                return Optional.empty();
            }
        }
        return Optional.of(new QueryVocabulary(terms, wildcards));
    }

    /** Whether some query could match this (analysed) word. */
    boolean contains(char[] word, int length, BytesRefBuilder scratch) {
        if (terms.contains(word, 0, length)) return true;
        if (wildcards == null) return false;
        scratch.copyChars(word, 0, length);
        return wildcards.run(scratch.bytes(), 0, scratch.length());
    }

    public int size() {
        return terms.size();
    }
}
