package org.chaperone.screening.concern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcernLibraryWatcherTest {
    @TempDir
    Path tmp;

    private static final String FILM = """
              - id: film
                query: '"film session"~2'
            """;

    @Test
    void anEditedLibraryIsPutInForceWithoutARestart() throws Exception {
        Path dir = LibraryFiles.in(tmp).queries(Category.RECORDING, FILM).write();
        BlockingQueue<ReloadResult> results = new LinkedBlockingQueue<>();
        try (ConcernScreener screener = new ConcernScreener(ConcernLibrary.load(dir));
             ConcernLibraryWatcher watcher = new ConcernLibraryWatcher(dir, null, screener, results::add)
                     .start(Duration.ofMillis(20))) {
            assertTrue(screener.match("can I screenshot the session").isEmpty());
            LibraryFiles.in(tmp).queries(Category.RECORDING, FILM + """
                      - id: screenshot
                        query: '"screenshot session"~2'
                    """).write();
            ReloadResult r = results.poll(30, TimeUnit.SECONDS);
            assertTrue(r != null && r.applied(), String.valueOf(r));
            assertEquals(1, screener.match("can I screenshot the session").size());
        }
    }

    @Test
    void aBrokenEditIsReportedAndThePreviousLibraryStaysInForce() {
        Path dir = LibraryFiles.in(tmp).queries(Category.RECORDING, FILM).write();
        try (ConcernScreener screener = new ConcernScreener(ConcernLibrary.load(dir));
             ConcernLibraryWatcher watcher = new ConcernLibraryWatcher(dir, null, screener, null)) {
            assertTrue(watcher.checkNow().isEmpty(), "nothing changed yet");
            LibraryFiles.in(tmp).queries(Category.RECORDING, """
                      - id: film
                        query: '"film (session'
                    """).write();
            ReloadResult r = watcher.checkNow().orElseThrow();
            assertFalse(r.applied());
            LibraryProblem p = r.problems().get(0);
            assertTrue(p.file().endsWith("recording.yaml"));
            assertEquals("recording", p.category());
            assertEquals("recording.film", p.queryId());
            assertEquals(1, screener.match("I'll film the session").size(), "the previous library stays in force");
        }
    }

    @Test
    void aChangedOverridesFileIsPickedUpToo() {
        Path dir = LibraryFiles.in(tmp.resolve("lib")).queries(Category.RECORDING, FILM).write();
        Path overrides = tmp.resolve("programme.yaml");
        try (ConcernScreener screener = new ConcernScreener(ConcernLibrary.load(dir));
             ConcernLibraryWatcher watcher = new ConcernLibraryWatcher(dir, overrides, screener, null)) {
            LibraryFiles.in(tmp).writeFile("programme.yaml", "disable: [recording.film]\n");
            assertTrue(watcher.checkNow().orElseThrow().applied());
            assertTrue(screener.match("I'll film the session").isEmpty());
        }
    }
}
