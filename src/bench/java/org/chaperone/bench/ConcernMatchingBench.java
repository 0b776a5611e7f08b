package org.chaperone.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.search.Query;
import org.chaperone.screening.concern.ConcernLibrary;
import org.chaperone.screening.concern.ConcernQuery;
import org.chaperone.screening.concern.ConcernScreener;
import org.chaperone.screening.concern.analysis.ConcernAnalyzer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Matching 2 KB messages against the concern library: the shipped library, and a generated
 * library of 10,000 queries (vocabulary of 20,000 words, message words drawn Zipf-like). In one
 * run, three ways of doing the same work, one message per operation:
 * <ul>
 *   <li>{@code screener}: the gateway's {@link ConcernScreener} (concern analyzer, multi-pass
 *       presearcher, highlights);
 *   <li>{@code monitorOutOfTheBox}: Lucene Monitor as it comes (default presearcher,
 *       StandardAnalyzer for the generated library) with the same parsed queries and highlights;
 *   <li>{@code naiveRegex}: every rule as java.util.regex patterns, tried one after another.
 * </ul>
 * Run: {@code scripts/bench ConcernMatchingBench -f 1 -wi 2 -i 3}. Results are messages per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class ConcernMatchingBench {
    static final int VOCABULARY = 20_000;
    static final int MESSAGE_CHARS = 2048;
    static final int MESSAGES = 512;

    @Param({"shipped", "generated-10000"})
    public String library;

    private List<String> messages;
    private ConcernScreener screener;
    private Monitor outOfTheBox;
    private RegexRules regex;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        GeneratedLibrary gen = new GeneratedLibrary(VOCABULARY, 1.0, 42);
        messages = new ArrayList<>(MESSAGES);
        List<Query> luceneQueries = new ArrayList<>();
        Analyzer monitorAnalyzer;
        ConcernLibrary lib;
        if (library.equals("shipped")) {
            lib = ConcernLibrary.load(Path.of("config", "concerns"));
            for (ConcernQuery q : lib.enabledQueries()) luceneQueries.add(lib.parsedQuery(q.id()));
            monitorAnalyzer = new ConcernAnalyzer(); // the shipped queries are written for it
            regex = new RegexRules(luceneQueries, true);
            for (int i = 0; i < MESSAGES; i++) messages.add(realisticMessage(gen, i));
        } else {
            int n = Integer.parseInt(library.substring(library.indexOf('-') + 1));
            List<ConcernQuery> generated = gen.queries(n);
            lib = ConcernLibrary.of(generated);
            monitorAnalyzer = new StandardAnalyzer(); // the generated words read the same with either analyzer
            for (ConcernQuery q : generated) luceneQueries.add(lib.parsedQuery(q.id()));
            regex = new RegexRules(luceneQueries, false);
            for (int i = 0; i < MESSAGES; i++) messages.add(gen.message(MESSAGE_CHARS));
        }
        if (lib.hasProblems()) throw new IllegalStateException(lib.problems().toString());
        screener = new ConcernScreener(lib);
        outOfTheBox = new Monitor(monitorAnalyzer);
        List<MonitorQuery> mqs = new ArrayList<>();
        for (int i = 0; i < luceneQueries.size(); i++) mqs.add(new MonitorQuery("q" + i, luceneQueries.get(i), null, Map.of()));
        outOfTheBox.register(mqs);
        report();
    }

    /** For the shipped library: Zipf filler with concern sentences mixed in, like real mail. */
    private static String realisticMessage(GeneratedLibrary gen, int i) {
        String[] sentences = {
            "Thanks for the session today, the CV looks much better now.",
            "Don't forget to send the application form before Friday.",
            "I'm dying to know how the interview went!",
            "Let's keep this between you and me, ok?",
            "I was high at school yesterday and my mum found out.",
            "Please record your progress in the workbook.",
            "you can call me on my personal number tonight",
            "I hurt myself again last night.",
        };
        StringBuilder b = new StringBuilder(gen.message(MESSAGE_CHARS - 200));
        b.insert(b.length() / 2, " " + sentences[i % sentences.length] + " ");
        if (i % 3 == 0) b.append(' ').append(sentences[(i * 7 + 3) % sentences.length]);
        return b.toString();
    }

    /** Matches per message on a sample, to show the three do the same work. */
    private void report() throws IOException {
        long screenerMatches = 0, monitorMatches = 0, regexMatches = 0;
        List<String> sample = messages.subList(0, 64);
        for (String m : sample) {
            screenerMatches += screener.match(m).size();
            monitorMatches += outOfTheBox.match(doc(m), HighlightsMatch.MATCHER).getMatchCount();
            regexMatches += regex.count(m);
        }
        System.out.printf("%n[%s] %d rules; matches per message: screener %.2f, monitor out of the box %.2f, regex %.2f%n",
                library, regex.size(), screenerMatches / (double) sample.size(),
                monitorMatches / (double) sample.size(), regexMatches / (double) sample.size());
    }

    private String nextMessage() {
        String m = messages.get(next);
        next = (next + 1) % messages.size();
        return m;
    }

    private static Document doc(String text) {
        Document d = new Document();
        d.add(new TextField("text", text, Field.Store.NO));
        return d;
    }

    @Benchmark
    public int screener() {
        return screener.match(nextMessage()).size();
    }

    @Benchmark
    public int monitorOutOfTheBox() throws IOException {
        return outOfTheBox.match(doc(nextMessage()), HighlightsMatch.MATCHER).getMatchCount();
    }

    @Benchmark
    public int naiveRegex() {
        return regex.count(nextMessage());
    }

    /**
     * The same three, measured in turns within one process by the CPU time of the measuring
     * thread: on a machine shared with other work, JMH's wall-clock figures for benchmarks run one
     * after another are skewed by how busy the machine was at each moment; this comparison is not.
     * Usage (bench profile class path): {@code ConcernMatchingBench [library] [rounds]}.
     */
    public static void main(String[] args) throws IOException {
        ConcernMatchingBench b = new ConcernMatchingBench();
        b.library = args.length > 0 ? args[0] : "generated-10000";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        b.setUp();
        String[] names = {"screener", "monitorOutOfTheBox", "naiveRegex"};
        CpuTurns.Op[] ops = {b::screener, b::monitorOutOfTheBox, b::naiveRegex};
        double[] best = new double[3];
        for (int round = 0; round < rounds; round++) {
            for (int which = 0; which < 3; which++) {
                int n = which == 2 ? (b.library.equals("shipped") ? 200 : 20) : 2000;
                double perSecond = CpuTurns.perCpuSecond(n, ops[which]);
                if (round > 0) best[which] = Math.max(best[which], perSecond); // round 0 warms up
                System.out.printf("round %d %-20s %10.1f msgs per CPU-second%n", round, names[which], perSecond);
            }
        }
        System.out.printf("%n[%s] best of rounds, messages per CPU-second: screener %.0f, Monitor out of the box %.0f,"
                + " naive regex %.1f; screener = %.1fx out of the box, %.0fx naive%n", b.library, best[0], best[1], best[2],
                best[0] / best[1], best[0] / best[2]);
        b.tearDown();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        screener.close();
        outOfTheBox.close();
    }
}
