package org.chaperone.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Searches the message index for one staff member. The caller's scope — their organisation, and unless
 * they see the whole organisation, the pairings they may see — is always a required filter of its own,
 * built from the registry and never from what was typed; the words typed are a separate clause
 * ({@link QueryText}). Every hit is checked against the scope once more before it is returned.
 *
 * <p>Blocking (Lucene): call it from a worker or virtual thread.
 */
public final class SearchService {
    private static final Logger LOG = Logger.getLogger(SearchService.class.getName());
    public static final int MAX_SIZE = 100;
    /** How deep paging goes: page × size. Beyond it a search must be narrowed by words or filters. */
    public static final int MAX_RESULTS = 10_000;
    /** Hits are counted exactly up to this many; beyond it the total is a lower bound (and searches stay fast). */
    static final int EXACT_TOTAL_UP_TO = 1_000;
    private static final int SNIPPET_LENGTH = 160;

    /** Whose messages a search may find: one organisation, and the pairings in it (null: all of them). */
    public record Scope(String organisationId, Set<String> pairingIds) {
        public Scope {
            if (organisationId == null || organisationId.isBlank()) throw new IllegalArgumentException("a scope needs an organisation");
            pairingIds = pairingIds == null ? null : Set.copyOf(pairingIds);
        }

        public static Scope wholeOrganisation(String organisationId) {
            return new Scope(organisationId, null);
        }
    }

    public enum Order {
        NEWEST, RELEVANCE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Order fromWire(String s) {
            for (Order o : values()) if (o.wireName().equals(s)) return o;
            throw new IllegalArgumentException("must be newest or relevance");
        }
    }

    /** @param q what was typed, or null to list by the filters alone; {@code to} is exclusive; page counts from 1 */
    public record Request(String q, List<String> categories, List<String> severities, List<String> verdicts,
                          List<String> states, List<String> directions, String programmeId, String pairingId,
                          Instant from, Instant to, Order order, int page, int size) {
        public static Request words(String q) {
            return new Request(q, List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null, null,
                    Order.NEWEST, 1, 20);
        }
    }

    /** A matched range of a snippet's text, [start, end) in UTF-16 units. */
    public record Mark(int start, int end) {}

    public record Snippet(String text, List<Mark> marks) {}

    public record Hit(String messageId, String organisationId, String programmeId, String pairingId, Instant receivedAt,
                      String channel, String direction, String senderRole, String verdict, List<String> categories,
                      String severity, String state, String reviewState, Snippet subject, Snippet snippet, Float score) {}

    /**
     * @param total      hits in all (exact up to {@link #EXACT_TOTAL_UP_TO}, then at least this many)
     * @param complete   false while the index is being rebuilt or is catching up: there may be more
     */
    public record Result(List<Hit> hits, long total, boolean totalExact, boolean complete, IndexFeeder.Status index) {}

    /** A search the caller must change: {@code field} names the parameter. */
    public static final class Refused extends RuntimeException {
        private final String field;

        public Refused(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The index cannot answer (it failed, or the gateway is stopping). */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    private final MessageIndex index;
    private final Supplier<IndexFeeder.Status> status;

    public SearchService(MessageIndex index, Supplier<IndexFeeder.Status> status) {
        this.index = index;
        this.status = status;
    }

    public Result search(Scope scope, Request r) {
        IndexFeeder.Status st = status.get();
        if (st.phase() == IndexFeeder.Phase.FAILED || st.phase() == IndexFeeder.Phase.STOPPED) {
            throw new Unavailable(st.detail() == null || st.detail().isBlank() ? "the search index is not running" : st.detail());
        }
        if (r.size() < 1 || r.size() > MAX_SIZE) throw new Refused("size", "must be between 1 and " + MAX_SIZE);
        if (r.page() < 1) throw new Refused("page", "must be 1 or more");
        if ((long) r.page() * r.size() > MAX_RESULTS) {
            throw new Refused("page", "goes beyond the first " + MAX_RESULTS + " results; add words or filters to narrow the search");
        }
        Query words;
        try {
            words = r.q() == null || r.q().isBlank() ? null : QueryText.parse(r.q(), index.searchAnalyzer());
        } catch (QueryText.Refused e) {
            throw new Refused("q", e.getMessage());
        }
        if (scope.pairingIds() != null && scope.pairingIds().isEmpty()) return new Result(List.of(), 0, true, st.complete(), st);

        Query query = query(scope, words, r);
        Order order = words == null ? Order.NEWEST : r.order();
        Sort sort = order == Order.RELEVANCE
                ? new Sort(SortField.FIELD_SCORE, new SortField(IndexedMessage.RECEIVED_AT, SortField.Type.LONG, true))
                : new Sort(new SortField(IndexedMessage.RECEIVED_AT, SortField.Type.LONG, true),
                new SortField(IndexedMessage.SEQ, SortField.Type.LONG, true));
        try {
            IndexSearcher searcher = index.acquire();
            try {
                int wanted = r.page() * r.size();
                TopFieldDocs top = searcher.search(query, new TopFieldCollectorManager(sort, wanted, null, EXACT_TOTAL_UP_TO));
                int from = (r.page() - 1) * r.size();
                ScoreDoc[] page = from >= top.scoreDocs.length ? new ScoreDoc[0]
                        : java.util.Arrays.copyOfRange(top.scoreDocs, from, Math.min(top.scoreDocs.length, wanted));
                List<Hit> hits = hits(searcher, scope, words, page, order);
                TotalHits total = top.totalHits;
                return new Result(hits, total.value(), total.relation() == TotalHits.Relation.EQUAL_TO, st.complete(), st);
            } finally {
                index.release(searcher);
            }
        } catch (IndexSearcher.TooManyClauses e) {
            throw new Refused("q", "matches too many different words; make the words before * or ~ longer");
        } catch (IOException e) {
            throw new UncheckedIOException("the search index could not be read", e);
        }
    }

    /** The scope (always), the words (when given) and the filters, each its own required clause. */
    static Query query(Scope scope, Query words, Request r) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new TermQuery(new Term(IndexedMessage.ORGANISATION, scope.organisationId())), BooleanClause.Occur.FILTER);
        if (scope.pairingIds() != null) b.add(anyOf(IndexedMessage.PAIRING, scope.pairingIds()), BooleanClause.Occur.FILTER);
        b.add(words != null ? words : new MatchAllDocsQuery(), words != null ? BooleanClause.Occur.MUST : BooleanClause.Occur.FILTER);
        filter(b, IndexedMessage.CATEGORY, r.categories());
        filter(b, IndexedMessage.SEVERITY, r.severities());
        filter(b, IndexedMessage.VERDICT, r.verdicts());
        filter(b, IndexedMessage.STATE, r.states());
        filter(b, IndexedMessage.DIRECTION, r.directions());
        if (r.programmeId() != null) filter(b, IndexedMessage.PROGRAMME, List.of(r.programmeId()));
        if (r.pairingId() != null) filter(b, IndexedMessage.PAIRING, List.of(r.pairingId()));
        if (r.from() != null || r.to() != null) {
            long lower = r.from() == null ? Long.MIN_VALUE : r.from().toEpochMilli();
            long upper = r.to() == null ? Long.MAX_VALUE : r.to().toEpochMilli() - 1;
            b.add(LongPoint.newRangeQuery(IndexedMessage.RECEIVED_AT, lower, upper), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    private static void filter(BooleanQuery.Builder b, String field, Collection<String> values) {
        if (values != null && !values.isEmpty()) b.add(anyOf(field, values), BooleanClause.Occur.FILTER);
    }

    private static Query anyOf(String field, Collection<String> values) {
        if (values.size() == 1) return new TermQuery(new Term(field, values.iterator().next()));
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    private List<Hit> hits(IndexSearcher searcher, Scope scope, Query words, ScoreDoc[] page, Order order) throws IOException {
        int[] docIds = new int[page.length];
        for (int i = 0; i < page.length; i++) docIds[i] = page[i].doc;
        Object[] subjects = null, texts = null;
        if (words != null && page.length > 0) {
            Map<String, Object[]> marked = new Highlighter(searcher, index.searchAnalyzer()).highlight(words, docIds);
            subjects = marked.get(IndexedMessage.SUBJECT);
            texts = marked.get(IndexedMessage.TEXT);
        }
        StoredFields stored = searcher.storedFields();
        List<Hit> out = new ArrayList<>(page.length);
        for (int i = 0; i < page.length; i++) {
            org.apache.lucene.document.Document d = stored.document(docIds[i]);
            String org = d.get(IndexedMessage.ORGANISATION), pairing = d.get(IndexedMessage.PAIRING);
            // The filter already guarantees this; a hit outside the scope means a defect, never a result.
            if (!scope.organisationId().equals(org) || (scope.pairingIds() != null && !scope.pairingIds().contains(pairing))) {
                LOG.severe("a search hit outside the caller's scope was dropped: message " + d.get(IndexedMessage.ID));
                continue;
            }
            Snippet subject = subjects != null && subjects[i] instanceof Snippet s ? s
                    : new Snippet(d.get(IndexedMessage.SUBJECT) == null ? "" : d.get(IndexedMessage.SUBJECT), List.of());
            Snippet text = texts != null && texts[i] instanceof Snippet s ? s
                    : SnippetFormatter.opening(d.get(IndexedMessage.TEXT), SNIPPET_LENGTH);
            Float score = order == Order.RELEVANCE && page[i] instanceof FieldDoc f && f.fields[0] instanceof Float sc ? sc : null;
            out.add(new Hit(d.get(IndexedMessage.ID), org, d.get(IndexedMessage.PROGRAMME), pairing,
                    Instant.ofEpochMilli(d.getField(IndexedMessage.RECEIVED_AT).numericValue().longValue()),
                    d.get(IndexedMessage.CHANNEL), d.get(IndexedMessage.DIRECTION), d.get(IndexedMessage.SENDER_ROLE),
                    d.get(IndexedMessage.VERDICT), IndexedMessage.values(d, IndexedMessage.CATEGORY),
                    d.get(IndexedMessage.SEVERITY), d.get(IndexedMessage.STATE), d.get(IndexedMessage.REVIEW),
                    subject, text, score));
        }
        return out;
    }

    /** The unified highlighter, reading offsets from the postings: the whole subject, and up to two passages of text. */
    private static final class Highlighter extends UnifiedHighlighter {
        Highlighter(IndexSearcher searcher, Analyzer analyzer) {
            super(UnifiedHighlighter.builder(searcher, analyzer).withFormatter(new SnippetFormatter())
                    .withMaxLength(IndexedMessage.MAX_TEXT_CHARS).withMaxNoHighlightPassages(1));
        }

        @Override
        protected BreakIterator getBreakIterator(String field) {
            if (IndexedMessage.SUBJECT.equals(field)) return new WholeBreakIterator();
            return LengthGoalBreakIterator.createClosestToLength(BreakIterator.getWordInstance(Locale.ROOT), SNIPPET_LENGTH, 0.5f);
        }

        Map<String, Object[]> highlight(Query words, int[] docIds) throws IOException {
            return highlightFieldsAsObjects(new String[]{IndexedMessage.SUBJECT, IndexedMessage.TEXT}, words, docIds, new int[]{1, 2});
        }
    }
}
