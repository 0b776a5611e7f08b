package org.chaperone.screening.concern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcernLibraryTest {
    @TempDir
    Path tmp;

    private static LibraryProblem onlyProblem(ConcernLibrary lib) {
        assertEquals(1, lib.problems().size(), () -> "problems: " + lib.problems());
        return lib.problems().get(0);
    }

    @Test
    void theShippedLibraryLoadsWithEveryCategoryAndNoProblems() {
        ConcernLibrary lib = ConcernLibrary.load(LibraryFiles.shipped());
        assertEquals(List.of(), lib.problems());
        for (Category c : Category.values()) {
            ConcernLibrary.CategoryDefinition def = lib.category(c).orElseThrow();
            assertFalse(def.description().isBlank(), c + " has a description");
            assertTrue(lib.enabledQueries().stream().filter(q -> q.category() == c).count() >= 5,
                    c + " has a real set of queries");
        }
        assertEquals(Severity.CRITICAL, lib.category(Category.SELF_HARM).orElseThrow().severity());
        assertEquals(Severity.CRITICAL, lib.category(Category.ABUSE_DISCLOSURE).orElseThrow().severity());
    }

    @Test
    void queryIdsAreQualifiedByCategoryAndSeverityFallsBackToTheCategory() {
        Path dir = LibraryFiles.in(tmp).queries(Category.RECORDING, """
                  - id: film-session
                    query: '"film session"~2'
                  - id: screen-record
                    query: '"screen record"'
                    severity: high
                """).write();
        ConcernLibrary lib = ConcernLibrary.load(dir);
        assertEquals(List.of(), lib.problems());
        ConcernQuery film = lib.queries().stream().filter(q -> q.id().equals("recording.film-session")).findFirst().orElseThrow();
        ConcernQuery screen = lib.queries().stream().filter(q -> q.id().equals("recording.screen-record")).findFirst().orElseThrow();
        assertEquals(Severity.MEDIUM, film.severity());
        assertEquals(Severity.HIGH, screen.severity());
        assertTrue(film.source().endsWith("recording.yaml"));
    }

    @Test
    void aQueryThatDoesNotParseIsReportedWithFileCategoryQueryAndReason() {
        Path dir = LibraryFiles.in(tmp).queries(Category.SECRECY, """
                  - id: ok
                    query: '"keep secret"~2'
                  - id: broken
                    query: '"keep (this OR that secret'
                """).write();
        LibraryProblem p = onlyProblem(ConcernLibrary.load(dir));
        assertTrue(p.file().endsWith("secrecy.yaml"), p.toString());
        assertEquals("secrecy", p.category());
        assertEquals("secrecy.broken", p.queryId());
        assertTrue(p.reason().contains("does not parse"), p.reason());
    }

    @Test
    void aQueryWithNoConcreteWordIsRefusedBecauseItWouldRunAgainstEveryMessage() {
        Path dir = LibraryFiles.in(tmp).queries(Category.SELF_HARM, """
                  - id: wildcard-only
                    query: 'kill*'
                """).write();
        LibraryProblem p = onlyProblem(ConcernLibrary.load(dir));
        assertEquals("self_harm.wildcard-only", p.queryId());
        assertTrue(p.reason().contains("every message"), p.reason());
    }

    @Test
    void aWildcardNextToAPlainWordIsAnchoredOnThatWord() {
        Path dir = LibraryFiles.in(tmp).queries(Category.SELF_HARM, """
                  - id: kill-star-myself
                    query: '"kill* myself"'
                """).write();
        assertEquals(List.of(), ConcernLibrary.load(dir).problems());
    }

    @Test
    void mixingRequiredWordsWithOrAlternativesIsRefusedWithAHint() {
        Path dir = LibraryFiles.in(tmp).queries(Category.SECRECY, """
                  - id: mixed
                    query: 'secret -santa OR hush'
                """).write();
        LibraryProblem p = onlyProblem(ConcernLibrary.load(dir));
        assertTrue(p.reason().contains("brackets"), p.reason());
    }

    @Test
    void aQueryThatOnlyExcludesIsRefused() {
        Path dir = LibraryFiles.in(tmp).queries(Category.SECRECY, """
                  - id: only-not
                    query: '-santa'
                """).write();
        assertTrue(onlyProblem(ConcernLibrary.load(dir)).reason().contains("only excludes"));
    }

    @Test
    void invalidYamlUnknownCategoryBadSeverityDuplicateIdsAndTyposAreAllReported() {
        LibraryFiles files = LibraryFiles.in(tmp);
        files.queries(Category.GIFTS_MONEY, """
                  - id: paypal
                    query: paypal
                  - id: paypal
                    query: venmo
                  - id: typo
                    query: cashapp
                    enable: false
                  - id: loud
                    query: 'revolut'
                    severity: urgent
                """).write();
        files.writeFile("substances.yaml", "id: substances\ndescription: x\nseverity: medium\nqueries:\n  - id: a\n    query: 'beer\n");
        files.writeFile("gossip.yaml", "id: gossip\ndescription: x\nseverity: low\nqueries: []\n");
        ConcernLibrary lib = ConcernLibrary.load(tmp);
        List<String> reasons = lib.problems().stream().map(LibraryProblem::toString).toList();
        assertTrue(reasons.stream().anyMatch(r -> r.contains("substances.yaml") && r.contains("not valid YAML")), reasons::toString);
        assertTrue(reasons.stream().anyMatch(r -> r.contains("gossip.yaml") && r.contains("not a category")), reasons::toString);
        assertTrue(reasons.stream().anyMatch(r -> r.contains("gifts_money.paypal") && r.contains("used twice")), reasons::toString);
        assertTrue(reasons.stream().anyMatch(r -> r.contains("typo") && r.contains("unknown key 'enable'")), reasons::toString);
        assertTrue(reasons.stream().anyMatch(r -> r.contains("loud") && r.contains("severity 'urgent'")), reasons::toString);
        assertTrue(reasons.stream().anyMatch(r -> r.contains("substances.yaml") && r.contains("no file defines")), reasons::toString);
    }

    @Test
    void aMissingCategoryFileIsAProblem() {
        Path dir = LibraryFiles.in(tmp).write();
        assertTrue(dir.resolve("recording.yaml").toFile().delete());
        LibraryProblem p = onlyProblem(ConcernLibrary.load(dir));
        assertEquals("recording", p.category());
        assertTrue(p.reason().contains("no file defines"));
    }

    @Test
    void overridesAddQueriesAndSwitchOffShippedOnes() {
        Path dir = LibraryFiles.in(tmp.resolve("lib")).queries(Category.SUBSTANCES, """
                  - id: beer
                    query: beer
                  - id: vape
                    query: vape
                """).write();
        Path overrides = LibraryFiles.in(tmp).writeFile("programme.yaml", """
                disable: [substances.vape]
                queries:
                  - id: energy-drinks
                    category: substances
                    query: '"energy drink"'
                    severity: low
                  - id: poppers
                    category: substances
                    query: poppers
                """);
        ConcernLibrary lib = ConcernLibrary.load(dir).withOverrides(ConcernOverrides.load(overrides));
        assertEquals(List.of(), lib.problems());
        Set<String> enabled = Set.copyOf(lib.enabledQueries().stream().map(ConcernQuery::id).toList());
        assertTrue(enabled.containsAll(Set.of("substances.beer", "substances.energy-drinks", "substances.poppers")));
        assertFalse(enabled.contains("substances.vape"));
        ConcernQuery poppers = lib.queries().stream().filter(q -> q.id().equals("substances.poppers")).findFirst().orElseThrow();
        assertEquals(Severity.MEDIUM, poppers.severity(), "an extra query without severity takes its category's");
    }

    @Test
    void overridesThatDisableAnUnknownQueryOrAddABrokenOneAreReported() {
        Path dir = LibraryFiles.in(tmp.resolve("lib")).write();
        Path overrides = LibraryFiles.in(tmp).writeFile("programme.yaml", """
                disable: [substances.no-such-query]
                queries:
                  - id: broken
                    category: recording
                    query: '"record (this'
                  - id: no-category
                    query: tiktok
                """);
        ConcernLibrary lib = ConcernLibrary.load(dir).withOverrides(ConcernOverrides.load(overrides));
        List<String> reasons = lib.problems().stream().map(LibraryProblem::toString).toList();
        assertEquals(3, reasons.size(), reasons::toString);
        assertTrue(reasons.stream().allMatch(r -> r.contains("programme.yaml")), reasons::toString);
        assertTrue(reasons.stream().anyMatch(r -> r.contains("substances.no-such-query") && r.contains("does not have")));
        assertTrue(reasons.stream().anyMatch(r -> r.contains("recording.broken") && r.contains("does not parse")));
        assertTrue(reasons.stream().anyMatch(r -> r.contains("no-category") && r.contains("needs a category")));
    }
}
