package org.chaperone.screening.concern;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Lucene Monitor's multi-pass presearcher, with the candidate lookup done from memory.
 *
 * <p>Queries are indexed exactly as {@link MultipassTermFilteredPresearcher} indexes them: each
 * query under {@code passes} different sets of its terms, so that a phrase is only tried on a
 * message containing several of its words, not just one. Out of the box, every message then turns
 * into a {@code TermInSetQuery} per pass over the query index, and intersecting a few hundred
 * message words with the term dictionary is most of the cost of matching. Here each segment of the
 * query index is read once into a hash map from term to the queries under it, pass by pass, so a
 * message costs one map lookup per distinct word. The candidates are the same queries.
 */
final class TermLookupPresearcher extends Presearcher {
    private final MultipassTermFilteredPresearcher indexing;
    private final int passes;
    /** Per query-index segment: its terms and postings, read once (segments never change). */
    private final Map<IndexReader.CacheKey, SegmentTerms> segments = new ConcurrentHashMap<>();

    TermLookupPresearcher(int passes) {
        this.passes = passes;
        this.indexing = new MultipassTermFilteredPresearcher(passes);
    }

    @Override
    public Document indexQuery(Query query, Map<String, String> metadata) {
        return indexing.indexQuery(query, metadata);
    }

    @Override
    public Query buildQuery(LeafReader message, BiPredicate<String, BytesRef> termAcceptor) {
        Map<String, List<BytesRef>> words = new HashMap<>();
        try {
            for (FieldInfo field : message.getFieldInfos()) {
                Terms terms = message.terms(field.name);
                if (terms == null) continue;
                List<BytesRef> list = new ArrayList<>((int) Math.max(16, terms.size()));
                TermsEnum te = terms.iterator();
                for (BytesRef t; (t = te.next()) != null; ) list.add(BytesRef.deepCopyOf(t));
                words.put(field.name, list);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a message's terms from memory", e);
        }
        return new CandidatesQuery(words);
    }

    /** A segment of the query index as maps: field → term → the documents under it, per pass. */
    private final class SegmentTerms {
        final Map<String, Map<BytesRef, int[][]>> byField = new HashMap<>();
        final int[] anyToken;

        SegmentTerms(LeafReader segment) throws IOException {
            List<String> baseFields = new ArrayList<>();
            for (FieldInfo f : segment.getFieldInfos()) {
                if (f.name.endsWith("_0")) baseFields.add(f.name.substring(0, f.name.length() - 2));
            }
            for (String base : baseFields) {
                Map<BytesRef, int[][]> terms = new HashMap<>();
                for (int pass = 0; pass < passes; pass++) {
                    Terms t = segment.terms(base + "_" + pass);
                    if (t == null) continue;
                    TermsEnum te = t.iterator();
                    PostingsEnum pe = null;
                    for (BytesRef term; (term = te.next()) != null; ) {
                        pe = te.postings(pe, PostingsEnum.NONE);
                        terms.computeIfAbsent(BytesRef.deepCopyOf(term), k -> new int[passes][])[pass] = docs(pe);
                    }
                }
                byField.put(base, terms);
            }
            int[] any = new int[0];
            Terms t = segment.terms(TermFilteredPresearcher.ANYTOKEN_FIELD);
            if (t != null) {
                TermsEnum te = t.iterator();
                if (te.seekExact(new BytesRef(TermFilteredPresearcher.ANYTOKEN))) any = docs(te.postings(null, PostingsEnum.NONE));
            }
            anyToken = any;
        }

        private static int[] docs(PostingsEnum pe) throws IOException {
            int[] out = new int[8];
            int n = 0;
            for (int d; (d = pe.nextDoc()) != DocIdSetIterator.NO_MORE_DOCS; ) {
                if (n == out.length) out = java.util.Arrays.copyOf(out, n * 2);
                out[n++] = d;
            }
            return java.util.Arrays.copyOf(out, n);
        }

        /** Query documents with a message word in every pass, or that must run on every message. */
        FixedBitSet candidates(Map<String, List<BytesRef>> words, int maxDoc, Bits live) {
            FixedBitSet[] perPass = new FixedBitSet[passes];
            for (Map.Entry<String, List<BytesRef>> field : words.entrySet()) {
                Map<BytesRef, int[][]> terms = byField.get(field.getKey());
                if (terms == null) continue;
                for (BytesRef w : field.getValue()) {
                    int[][] postings = terms.get(w);
                    if (postings == null) continue;
                    for (int pass = 0; pass < passes; pass++) {
                        if (postings[pass] == null) continue;
                        if (perPass[pass] == null) perPass[pass] = new FixedBitSet(maxDoc);
                        for (int d : postings[pass]) perPass[pass].set(d);
                    }
                }
            }
            FixedBitSet result = perPass[0];
            for (int pass = 1; result != null && pass < passes; pass++) {
                if (perPass[pass] == null) result = null;
                else result.and(perPass[pass]);
            }
            if (anyToken.length > 0) {
                if (result == null) result = new FixedBitSet(maxDoc);
                for (int d : anyToken) result.set(d);
            }
            if (result != null && live != null) {
                for (int d = result.nextSetBit(0); d != DocIdSetIterator.NO_MORE_DOCS;
                     d = d + 1 < maxDoc ? result.nextSetBit(d + 1) : DocIdSetIterator.NO_MORE_DOCS) {
                    if (!live.get(d)) result.clear(d);
                }
            }
            return result;
        }
    }

    private SegmentTerms segment(LeafReader reader) {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        return segments.computeIfAbsent(helper.getKey(), key -> {
            helper.addClosedListener(segments::remove);
            try {
                return new SegmentTerms(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("reading the query index", e);
            }
        });
    }

    /** Selects the candidate queries for one message's words. */
    private final class CandidatesQuery extends Query {
        private final Map<String, List<BytesRef>> words;

        CandidatesQuery(Map<String, List<BytesRef>> words) {
            this.words = words;
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
            return new ConstantScoreWeight(this, boost) {
                @Override
                public ScorerSupplier scorerSupplier(LeafReaderContext context) {
                    LeafReader reader = context.reader();
                    FixedBitSet bits = segment(reader).candidates(words, reader.maxDoc(), reader.getLiveDocs());
                    if (bits == null) return null;
                    int n = bits.cardinality();
                    if (n == 0) return null;
                    return new DefaultScorerSupplier(new ConstantScoreScorer(score(), scoreMode, new BitSetIterator(bits, n)));
                }

                @Override
                public boolean isCacheable(LeafReaderContext ctx) {
                    return false; // different for every message
                }
            };
        }

        @Override
        public void visit(QueryVisitor visitor) {
            visitor.visitLeaf(this);
        }

        @Override
        public String toString(String field) {
            return "CandidatesQuery(" + words.values().stream().mapToInt(List::size).sum() + " words)";
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
