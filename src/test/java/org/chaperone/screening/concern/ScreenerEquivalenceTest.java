package org.chaperone.screening.concern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.chaperone.screening.concern.analysis.ConcernAnalyzer;
import org.junit.jupiter.api.Test;

/**
 * The screener's shortcuts (candidate lookup from memory, indexing only the words queries use)
 * must not change what matches: it finds exactly what Lucene Monitor out of the box finds with
 * the same analyzer and queries.
 */
class ScreenerEquivalenceTest {

    private static Set<String> plainMonitor(Monitor monitor, String text) throws IOException {
        Document d = new Document();
        d.add(new TextField("text", text, Field.Store.NO));
        return monitor.match(d, QueryMatch.SIMPLE_MATCHER).getMatches().stream()
                .map(QueryMatch::getQueryId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertSameMatches(ConcernLibrary library, List<String> messages, int minMatching) throws IOException {
        int matching = 0;
        try (ConcernScreener screener = new ConcernScreener(library);
             Monitor monitor = new Monitor(new ConcernAnalyzer())) {
            List<MonitorQuery> mqs = new ArrayList<>();
            for (ConcernQuery q : library.enabledQueries()) mqs.add(new MonitorQuery(q.id(), library.parsedQuery(q.id()), null, Map.of()));
            monitor.register(mqs);
            for (String m : messages) {
                Set<String> expected = plainMonitor(monitor, m);
                Set<String> found = screener.match(m).stream().map(ConcernMatch::queryId).collect(Collectors.toCollection(TreeSet::new));
                assertEquals(expected, found, m);
                if (!found.isEmpty()) matching++;
            }
        }
        assertTrue(matching >= minMatching, "the comparison covered messages that match: " + matching);
    }

    @Test
    void theShippedLibraryMatchesExactlyAsMonitorOutOfTheBoxDoes() throws IOException {
        List<String> texts = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/concerns/labelled.jsonl"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) if (!line.isBlank()) texts.add(json.readTree(line).get("text").asText());
        }
        // And longer messages: several labelled lines run together.
        Random r = new Random(7);
        for (int i = 0; i < 100; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < 6; k++) b.append(texts.get(r.nextInt(texts.size()))).append(' ');
            texts.add(b.toString());
        }
        assertSameMatches(ConcernLibrary.load(LibraryFiles.shipped()), texts, 200);
    }

    @Test
    void aRandomLibraryWithPhrasesProximityAlternativesExclusionsAndWildcardsMatchesExactlyToo() throws IOException {
        Random r = new Random(11);
        List<String> words = new ArrayList<>();
        String[] syllables = {"ka", "lo", "mi", "nu", "re", "sa", "ti", "vo", "zen", "dar", "pel", "gor"};
        while (words.size() < 300) {
            String w = syllables[r.nextInt(syllables.length)] + syllables[r.nextInt(syllables.length)] + syllables[r.nextInt(syllables.length)];
            if (!words.contains(w)) words.add(w);
        }
        List<ConcernQuery> queries = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String a = words.get(r.nextInt(words.size())), b = words.get(r.nextInt(words.size())), c = words.get(r.nextInt(words.size()));
            String q = switch (i % 6) {
                case 0 -> "\"" + a + " " + b + "\"";
                case 1 -> "\"" + a + " " + b + "\"~3";
                case 2 -> a + " AND " + b;
                case 3 -> "\"(" + a + " OR " + b + ") " + c + "\"~2";
                case 4 -> "(\"" + a + " " + b + "\"~2 OR " + c + ") -" + words.get(r.nextInt(20));
                default -> "\"" + a + " " + b.substring(0, 3) + "*\"~1";
            };
            queries.add(ConcernQuery.of("recording.r" + i, Category.RECORDING, Severity.LOW, q));
        }
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < 40; k++) b.append(words.get((int) Math.floor(Math.pow(r.nextDouble(), 2) * words.size()))).append(k % 9 == 8 ? ". " : " ");
            messages.add(b.toString());
        }
        assertSameMatches(ConcernLibrary.of(queries), messages, 100);
    }
}
