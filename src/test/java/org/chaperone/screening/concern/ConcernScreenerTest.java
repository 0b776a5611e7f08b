package org.chaperone.screening.concern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConcernScreenerTest {
    private static ConcernScreener shipped;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        shipped = new ConcernScreener(ConcernLibrary.load(LibraryFiles.shipped()));
    }

    @AfterAll
    static void stop() {
        shipped.close();
    }

    private static Set<Category> categories(String text) {
        return shipped.match(text).stream().map(ConcernMatch::category).collect(Collectors.toSet());
    }

    private static ConcernMatch only(List<ConcernMatch> matches, Category c) {
        List<ConcernMatch> of = matches.stream().filter(m -> m.category() == c).toList();
        assertFalse(of.isEmpty(), () -> "no " + c + " in " + matches);
        return of.get(0);
    }

    @Test
    void highlightsPointAtTheWordsAsWrittenInTheOriginalText() {
        String text = "Great session today. Keep this between you and me, ok?";
        ConcernMatch m = only(shipped.match(text), Category.SECRECY);
        ConcernMatch.Span span = m.spans().get(0);
        assertEquals("Keep this between you and me", span.text());
        assertEquals(text.indexOf("Keep"), span.start());
        assertEquals(span.text(), text.substring(span.start(), span.end()));
        assertEquals(Severity.HIGH, m.severity());
        assertTrue(m.queryId().startsWith("secrecy."));
        assertFalse(m.query().isBlank());
    }

    @Test
    void highlightsStayOnTheOriginalCharactersAfterInvisibleAndWideCharacters() {
        // Emoji (two chars each), zero-width joiners and full-width letters before and inside the match.
        String text = "😀😀 hey\u200B\u200B… ｄｏｎ'ｔ t\u200Bell your m\u057Dm";
        ConcernMatch m = only(shipped.match(text), Category.SECRECY);
        String highlighted = m.spans().stream().map(ConcernMatch.Span::text).collect(Collectors.joining("|"));
        assertEquals("ｄｏｎ'ｔ t\u200Bell your m\u057Dm", highlighted);
        for (ConcernMatch.Span s : m.spans()) assertEquals(s.text(), text.substring(s.start(), s.end()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "d0nt t3ll ur mum about us",          // leetspeak
        "dont tell your mum about us",        // no apostrophe
        "do not tell your mum about us",      // written out
        "dooon't tellll your muuum",          // stretched
        "d o n t tell your mum",              // spelled out
        "ԁοn't tеll уοur mum",                // Cyrillic and Greek look-alikes
        "don\u200Bt te\u200Dll your mum",     // zero-width characters
        "DON'T TELL YOUR MUM",                // shouting
        "don’t tell your mum",                // curly apostrophe
    })
    void disguisedTextMatchesLikePlainText(String text) {
        assertTrue(categories(text).contains(Category.SECRECY), () -> text + " -> " + shipped.match(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kms", "k.m.s", "i want to k1ll mys3lf", "wanna unalive myself", "i've started sh again",
        "thinking about sewerslide", "I'm going to k i l l myself", "5u1c1d4l thoughts", "i just wanna dieeee"})
    void selfHarmAbbreviationsAndDisguisesAreFound(String text) {
        assertTrue(categories(text).contains(Category.SELF_HARM), () -> text + " -> " + shipped.match(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I'm dying to know how it went", "You killed it today!", "this homework is killing me",
        "Record your progress in the log", "Record the results in a table", "Please share your screen",
        "Don't tell me the ending!", "Meet the careers adviser in the library at 2",
        "My dad beat me at chess", "I go to high school in Leeds", "Shoot me an email with your CV",
        "Call me Jo, everyone does", "Get a drink of water before the exam", "I cut myself a slice of cake",
        "We're doing Secret Santa", "I love maths", "I'm gay and proud",
    })
    void harmlessLookAlikesAreNotFlagged(String text) {
        assertEquals(List.of(), shipped.match(text), text);
    }

    @Test
    void everyMatchedQueryIsListedMostSeriousFirst() {
        List<ConcernMatch> matches = shipped.match("I want to die. Let's keep this between us and delete these messages.");
        assertEquals(Category.SELF_HARM, matches.get(0).category());
        assertEquals(Severity.CRITICAL, matches.get(0).severity());
        assertTrue(matches.stream().filter(m -> m.category() == Category.SECRECY).count() >= 2);
        for (int i = 1; i < matches.size(); i++) {
            assertFalse(matches.get(i).severity().outranks(matches.get(i - 1).severity()));
        }
    }

    @Test
    void emptyTextHasNoConcerns() {
        assertEquals(List.of(), shipped.match(""));
        assertEquals(List.of(), shipped.match(null));
    }

    @Test
    void aLibraryWithProblemsCannotStartAScreener() {
        ConcernLibrary broken = ConcernLibrary.of(List.of(ConcernQuery.of("recording.x", Category.RECORDING, Severity.LOW, "\"film (")));
        ConcernLibraryException e = assertThrows(ConcernLibraryException.class, () -> new ConcernScreener(broken));
        assertEquals("recording.x", e.problems().get(0).queryId());
    }

    @Test
    void reloadSwapsTheLibraryAndKeepsTheOldOneWhenTheNewOneHasProblems() {
        Path dir = LibraryFiles.in(tmp).queries(Category.RECORDING, """
                  - id: film
                    query: '"film session"~2'
                """).write();
        try (ConcernScreener screener = new ConcernScreener(ConcernLibrary.load(dir))) {
            assertEquals(1, screener.match("I'll film our session").size());
            assertEquals(0, screener.match("I'll tape our session").size());

            LibraryFiles.in(tmp).queries(Category.RECORDING, """
                      - id: film
                        query: '"film session"~2'
                      - id: tape
                        query: '"tape session"~2'
                    """).write();
            ReloadResult ok = screener.reload(ConcernLibrary.load(dir));
            assertTrue(ok.applied());
            assertEquals(1, screener.match("I'll tape our session").size());

            LibraryFiles.in(tmp).queries(Category.RECORDING, """
                      - id: film
                        query: '"film (session'
                    """).write();
            ReloadResult refused = screener.reload(ConcernLibrary.load(dir));
            assertFalse(refused.applied());
            assertEquals("recording.film", refused.problems().get(0).queryId());
            assertEquals(1, screener.match("I'll tape our session").size(), "the previous library stays in force");
        }
    }

    @Test
    void matchingCarriesOnWhileTheLibraryIsReloaded() throws Exception {
        ConcernLibrary a = ConcernLibrary.of(List.of(ConcernQuery.of("recording.film", Category.RECORDING, Severity.LOW, "\"film session\"~2")));
        ConcernLibrary b = ConcernLibrary.of(List.of(
                ConcernQuery.of("recording.film", Category.RECORDING, Severity.LOW, "\"film session\"~2"),
                ConcernQuery.of("recording.tape", Category.RECORDING, Severity.LOW, "\"tape session\"~2")));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ConcernScreener screener = new ConcernScreener(a)) {
            AtomicBoolean reloading = new AtomicBoolean(true);
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                workers.add(pool.submit(() -> {
                    int n = 0;
                    while (reloading.get() || n < 50) {
                        try {
                            if (screener.match("I will film our session").size() != 1) failures.add(new AssertionError("missed"));
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                        n++;
                    }
                    return n;
                }));
            }
            for (int i = 0; i < 20; i++) assertTrue(screener.reload(i % 2 == 0 ? b : a).applied());
            reloading.set(false);
            for (Future<Integer> w : workers) assertTrue(w.get(60, TimeUnit.SECONDS) >= 50);
            assertEquals(List.of(), failures);
        } finally {
            pool.shutdownNow();
        }
    }
}
