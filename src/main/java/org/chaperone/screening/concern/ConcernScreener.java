package org.chaperone.screening.concern;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorConfiguration;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.search.Query;
import org.chaperone.screening.concern.analysis.ConcernAnalyzer;
import org.chaperone.screening.concern.analysis.QueryVocabulary;
import org.chaperone.screening.text.NormalisedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches messages against the concern library with Lucene Monitor. Thread-safe: any number of
 * threads may call {@link #match(String)} while another {@link #reload(ConcernLibrary) reloads}
 * the library; a reload swaps the whole library at once, and a library with problems is refused
 * with the previous one kept in force.
 *
 * <p>Matching is blocking CPU work: call it from a worker thread, not a Vert.x event loop.
 *
 * <p>Where the time goes, and what keeps it down: see {@link TermLookupPresearcher} (which
 * queries run against a message) and {@link QueryVocabulary} (which words of a message are
 * indexed for them).
 */
public final class ConcernScreener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConcernScreener.class);
    private static final String FIELD = ConcernQueryParser.FIELD;

    /** One library in force: its Monitor, and a lock so it is closed only when no match uses it. */
    private record Active(ConcernLibrary library, Monitor monitor, Analyzer analyzer, Map<String, ConcernQuery> byId,
                          ReentrantReadWriteLock lock) {}

    private final AtomicReference<Active> active = new AtomicReference<>();

    /** Starts screening with {@code library}; refuses a library with problems. */
    public ConcernScreener(ConcernLibrary library) {
        if (library.hasProblems()) throw new ConcernLibraryException(library.problems());
        active.set(open(library));
    }

    /**
     * The presearcher decides which queries run against a message. Two passes index each
     * conjunction under two of its words, so a phrase runs only when both words are present (the
     * default single pass runs it whenever its one chosen word is); the candidates are looked up
     * from memory (see {@link TermLookupPresearcher}).
     */
    static Presearcher presearcher() {
        return new TermLookupPresearcher(2);
    }

    private Active open(ConcernLibrary library) {
        try {
            // One commit for the whole library keeps the query index in as few segments as
            // possible: every segment costs each message a lookup and a doc-values read.
            MonitorConfiguration config = new MonitorConfiguration()
                    .setQueryUpdateBufferSize(Math.max(5_000, library.enabledQueries().size()));
            List<MonitorQuery> mqs = new ArrayList<>();
            List<Query> queries = new ArrayList<>();
            Map<String, ConcernQuery> byId = new HashMap<>();
            for (ConcernQuery q : library.enabledQueries()) {
                Query parsed = library.parsedQuery(q.id());
                mqs.add(new MonitorQuery(q.id(), parsed, q.query(), Map.of()));
                queries.add(parsed);
                byId.put(q.id(), q);
            }
            Analyzer analyzer = QueryVocabulary.of(queries, FIELD)
                    .map(ConcernAnalyzer::forMatching)
                    .orElseGet(ConcernAnalyzer::new);
            Monitor monitor = new Monitor(analyzer, presearcher(), config);
            monitor.register(mqs);
            return new Active(library, monitor, analyzer, Map.copyOf(byId), new ReentrantReadWriteLock());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the concern monitor", e);
        }
    }

    /**
     * Puts {@code library} in force, or keeps the current one when it has problems. Matching
     * carries on throughout.
     */
    public ReloadResult reload(ConcernLibrary library) {
        if (library.hasProblems()) {
            return new ReloadResult(false, active.get().byId().size(), library.problems());
        }
        Active next = open(library);
        Active previous = active.getAndSet(next);
        if (previous != null) retire(previous);
        return new ReloadResult(true, next.byId().size(), List.of());
    }

    /**
     * Closes a library no longer in force once the matches using it are done. The write lock is
     * kept for good, so a thread that still holds the old reference cannot start on it and takes
     * the new one instead.
     */
    private static void retire(Active old) {
        old.lock().writeLock().lock();
        try {
            old.monitor().close();
            old.analyzer().close();
        } catch (IOException e) {
            LOG.warn("closing the previous concern monitor failed", e);
        }
    }

    public ConcernLibrary library() {
        return active.get().library();
    }

    /** The concerns in one message (subject and body joined by the caller), most serious first. */
    public List<ConcernMatch> match(String text) {
        if (text == null || text.isBlank()) return List.of();
        while (true) {
            Active a = active.get();
            if (a == null) throw new IllegalStateException("the concern screener is closed");
            if (!a.lock().readLock().tryLock()) continue; // retired under us: take the new one
            try {
                return matchWith(a, text);
            } catch (IOException e) {
                throw new UncheckedIOException("concern matching failed", e);
            } finally {
                a.lock().readLock().unlock();
            }
        }
    }

    private static List<ConcernMatch> matchWith(Active a, String text) throws IOException {
        Document doc = new Document();
        doc.add(new TextField(FIELD, text, Field.Store.NO));
        MatchingQueries<HighlightsMatch> found = a.monitor().match(doc, HighlightsMatch.MATCHER);
        if (!found.getErrors().isEmpty()) {
            found.getErrors().forEach((id, e) -> LOG.warn("concern query {} failed on a message", id, e));
        }
        List<ConcernMatch> out = new ArrayList<>(found.getMatchCount());
        for (HighlightsMatch m : found.getMatches()) {
            ConcernQuery q = a.byId().get(m.getQueryId());
            if (q == null) continue;
            out.add(new ConcernMatch(q.category(), q.severity(), q.id(), q.query(), spans(text, m.getHits(FIELD))));
        }
        out.sort(Comparator.comparing(ConcernMatch::severity).thenComparing(ConcernMatch::category)
                .thenComparing(ConcernMatch::queryId));
        return out;
    }

    /** Words between two hits of one query that still read as one highlight. */
    private static final int MAX_JOINED_GAP = 30;

    /**
     * Hits as spans of the original text, without invisible edges. Hits that overlap, or are only
     * a few words apart within a sentence, are joined, so a reviewer reads "keep this between you
     * and me" rather than "keep" and "between you and me".
     */
    static List<ConcernMatch.Span> spans(String text, Collection<HighlightsMatch.Hit> hits) {
        List<int[]> ranges = new ArrayList<>(hits.size());
        for (HighlightsMatch.Hit h : hits) {
            int s = Math.max(0, Math.min(h.startOffset(), text.length()));
            int e = Math.max(s, Math.min(h.endOffset(), text.length()));
            while (s < e && invisible(text.codePointAt(s))) s += Character.charCount(text.codePointAt(s));
            while (e > s && invisible(text.codePointBefore(e))) e -= Character.charCount(text.codePointBefore(e));
            if (s < e) ranges.add(new int[] {s, e});
        }
        ranges.sort(Comparator.comparingInt((int[] r) -> r[0]).thenComparingInt(r -> r[1]));
        List<ConcernMatch.Span> out = new ArrayList<>();
        int[] cur = null;
        for (int[] r : ranges) {
            if (cur != null && (r[0] <= cur[1] || joins(text, cur[1], r[0]))) {
                cur[1] = Math.max(cur[1], r[1]);
            } else {
                if (cur != null) out.add(new ConcernMatch.Span(cur[0], cur[1], text.substring(cur[0], cur[1])));
                cur = r;
            }
        }
        if (cur != null) out.add(new ConcernMatch.Span(cur[0], cur[1], text.substring(cur[0], cur[1])));
        return out;
    }

    private static boolean joins(String text, int from, int to) {
        if (to - from > MAX_JOINED_GAP) return false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ';') return false;
        }
        return true;
    }

    private static boolean invisible(int cp) {
        String f = NormalisedText.Confusables.fold(cp);
        return f.isBlank();
    }

    @Override
    public void close() {
        Active a = active.getAndSet(null);
        if (a != null) retire(a);
    }
}
