package org.chaperone.index;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.chaperone.testing.Api;
import org.chaperone.testing.Await;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.chaperone.index.SearchFixture.ids;
import static org.chaperone.index.SearchFixture.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v1/search through the started gateway: words, snippets, filters, paging, order, scope, audit. */
class SearchApiTest {
    static TestGateway gw;
    static SearchFixture f;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        f = new SearchFixture(gw);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void findsAMessageByItsWordsWithTheMatchesHighlighted() {
        String m = SearchFixture.marker();
        String id = f.send(f.alex, f.rubyPairing.getString("id"), "Careers fair " + m,
                "Hi Ruby, the careers fair on Thursday has a stand about apprenticeships. Bring the " + m
                        + " form and your questions about engineering apprenticeships.");
        assertEquals(List.of(id), f.awaitCount(f.manager, q(m), 1));

        JsonObject hit = f.search(f.manager, q("apprenticeship " + m)).items().getJsonObject(0);
        assertEquals(id, hit.getString("messageId"));
        assertEquals(f.rubyPairing.getString("id"), hit.getString("pairingId"));
        assertTrue(hit.getString("pairing").contains("Alex"), hit.encode());
        assertEquals("mentor", hit.getString("senderRole"));
        assertEquals("mentor_to_mentee", hit.getString("direction"));
        assertEquals("deliver", hit.getString("verdict"));
        assertNotNull(hit.getString("receivedAt"));
        // Highlights point at the words that matched, in the snippet and the subject; "apprenticeship" matches its plural.
        List<String> marked = marked(hit.getString("snippet"), hit.getJsonArray("highlights"));
        assertTrue(marked.contains(m), marked.toString());
        assertTrue(marked.stream().anyMatch(w -> w.equals("apprenticeships")), marked.toString());
        assertEquals(List.of(m), marked(hit.getString("subject"), hit.getJsonArray("subjectHighlights")));
        assertTrue(hit.getString("snippet").length() <= 400, hit.getString("snippet"));

        assertEquals(List.of(), ids(f.search(f.manager, q(m + " submarine"))), "all words must match");
        assertEquals(List.of(id), ids(f.search(f.manager, q(m + " OR submarine"))));
        assertEquals(List.of(id), ids(f.search(f.manager, q("\"engineering apprenticeships\" " + m))));
        assertEquals(List.of(), ids(f.search(f.manager, q("\"apprenticeships engineering\" " + m))));
        assertEquals(List.of(id), ids(f.search(f.manager, q(m.substring(0, 8) + "*"))), "a prefix");
    }

    @Test
    void filtersByCategorySeverityVerdictStatePairingAndDates() {
        String m = SearchFixture.marker();
        String secret = f.flaggedFromSam("Jo, " + m + " please keep this between us, it is our secret", "secrecy", "high",
                "keep this between us", f.ago(Duration.ofDays(3)));
        String money = f.flaggedFromSam("Jo, " + m + " could you lend me some money for the bus", "gifts_and_money", "medium",
                "lend me some money", f.ago(Duration.ofDays(1)));
        String held = f.heldFromAlex("Ruby " + m + " call me on 07700 900123", "07700 900123", f.ago(Duration.ofHours(2)));
        String plain = f.send(f.jo, f.samPairing.getString("id"), "Notes", "Sam, " + m + " here are the notes from today");
        f.awaitCount(f.manager, q(m), 4);

        assertEquals(Set.of(secret), set(f.search(f.manager, q(m) + "&category=secrecy")));
        assertEquals(Set.of(secret, money), set(f.search(f.manager, q(m) + "&category=secrecy,gifts_and_money")));
        assertEquals(Set.of(held), set(f.search(f.manager, q(m) + "&category=contact_details")));
        assertEquals(Set.of(secret), set(f.search(f.manager, q(m) + "&severity=high")));
        assertEquals(Set.of(held, plain), set(f.search(f.manager, q(m) + "&severity=none")));
        assertEquals(Set.of(held), set(f.search(f.manager, q(m) + "&verdict=hold")));
        assertEquals(Set.of(secret, money), set(f.search(f.manager, q(m) + "&verdict=deliver_flagged")));
        assertEquals(Set.of(held), set(f.search(f.manager, q(m) + "&state=held")));
        assertEquals(Set.of(held), set(f.search(f.manager, q(m) + "&pairing=" + f.rubyPairing.getString("id"))));
        assertEquals(Set.of(secret, money), set(f.search(f.manager, q(m) + "&direction=mentee_to_mentor")));
        LocalDate today = f.ago(Duration.ZERO).atZone(ZoneOffset.UTC).toLocalDate();
        assertEquals(Set.of(secret), set(f.search(f.manager, q(m) + "&to=" + today.minusDays(2))),
                "to: a date is its whole day, exclusive after it");
        assertEquals(Set.of(money, held, plain), set(f.search(f.manager, q(m) + "&from=" + f.ago(Duration.ofDays(2)))));

        JsonObject flagged = f.search(f.manager, q(m) + "&category=secrecy").items().getJsonObject(0);
        assertEquals(new JsonArray().add("secrecy"), flagged.getJsonArray("categories"));
        assertEquals("high", flagged.getString("severity"));
        assertTrue(flagged.getBoolean("reviewItem"));
        assertEquals("open", flagged.getString("reviewState"));

        // Filters alone, without words: newest first.
        List<String> byFilter = ids(f.search(f.manager, "verdict=deliver_flagged&category=secrecy,gifts_and_money&from="
                + f.ago(Duration.ofDays(4))));
        assertTrue(byFilter.indexOf(money) < byFilter.indexOf(secret), byFilter.toString());

        Api.Response bad = f.search(f.manager, q(m) + "&severity=dreadful");
        assertEquals(400, bad.status());
        assertNotNull(bad.reasonFor("severity"));
        assertEquals(400, f.search(f.manager, q(m) + "&from=yesterday").status());
        assertEquals(400, f.search(f.manager, q(m) + "&colour=red").status(), "an unknown parameter is refused");
        assertEquals(404, f.search(f.manager, q(m) + "&pairing=" + f.other.pairingId()).status());
    }

    @Test
    void pagesThroughResultsNewestFirstWithoutRepeats() {
        String m = SearchFixture.marker();
        List<String> oldestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            oldestFirst.add(f.flaggedFromSam("Jo " + m + " number " + i + " I feel really sad", "self_harm", "high",
                    "really sad", f.ago(Duration.ofHours(10 - i))));
        }
        f.awaitCount(f.manager, q(m), 5);
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            Api.Response r = f.search(f.manager, q(m) + "&size=2&page=" + page);
            assertEquals(5, r.json().getLong("total"));
            assertTrue(r.json().getBoolean("totalExact"));
            assertEquals(page < 3 ? 2 : 1, r.items().size());
            seen.addAll(ids(r));
        }
        assertEquals(oldestFirst.reversed(), seen);
        assertEquals(List.of(), ids(f.search(f.manager, q(m) + "&size=2&page=4")));
        Api.Response tooDeep = f.search(f.manager, q(m) + "&size=100&page=101");
        assertEquals(400, tooDeep.status());
        assertNotNull(tooDeep.reasonFor("page"));
        assertEquals(400, f.search(f.manager, q(m) + "&size=101").status());
    }

    @Test
    void relevanceRanksTheMessageAboutTheWordsFirstAndNewestRanksByTime() {
        String m = SearchFixture.marker();
        String aboutIt = f.send(f.jo, f.samPairing.getString("id"), "Volunteering " + m,
                "Volunteering: " + m + " volunteering at the food bank, volunteering on Saturdays.");
        String mentionsIt = f.send(f.jo, f.samPairing.getString("id"), "Week 4",
                "A long note about the week, the course, the timetable, the library, the exams, the travel, and in passing "
                        + m + " volunteering once.");
        f.awaitCount(f.manager, q(m), 2);
        assertEquals(List.of(mentionsIt, aboutIt), ids(f.search(f.manager, q(m + " volunteering"))), "newest is the default");
        assertEquals(List.of(mentionsIt, aboutIt), ids(f.search(f.manager, q(m + " volunteering") + "&sort=newest")));
        Api.Response relevant = f.search(f.manager, q(m + " volunteering") + "&sort=relevance");
        assertEquals(List.of(aboutIt, mentionsIt), ids(relevant));
        assertEquals("relevance", relevant.json().getString("sort"));
        assertTrue(relevant.items().getJsonObject(0).getFloat("score") > relevant.items().getJsonObject(1).getFloat("score"));
        assertEquals(400, f.search(f.manager, q(m) + "&sort=alphabetical").status());
    }

    @Test
    void anotherOrganisationsMessagesNeverAppearWhateverIsTyped() {
        String m = SearchFixture.marker();
        String ours = f.send(f.alex, f.rubyPairing.getString("id"), "Shared " + m, "Ruby, " + m + " secret plans for the museum trip");
        String theirs = f.send(f.other.mentorToken(), f.other.pairingId(), "Shared " + m, "Hello " + m + " secret plans for the museum trip");
        f.awaitCount(f.manager, q(m), 1);
        f.awaitCount(f.other.managerToken(), q(m), 1);
        String ourOrg = gw.gateway().registry().pairings.findAcrossOrganisations(
                com.mongodb.client.model.Filters.eq("_id", f.rubyPairing.getString("id"))).getFirst().organisationId();

        List<String> attempts = List.of(m, "*", "*:*", "?", "secret", "secret plans museum", m + "*",
                "organisationId:" + f.other.organisationId(), "organisation:" + f.other.organisationId(),
                "organisation:" + ourOrg, "pairing:" + f.other.pairingId(), "id:" + theirs, "_id:" + theirs,
                m + " OR organisation:" + f.other.organisationId(), m + " OR *:*", "(" + m + ") OR (*:*)",
                m + " OR NOT " + m, "NOT " + m, "-" + m, "+" + m + " -nothingatall", m + "~", "text:" + m, "subject:" + m,
                "{* TO *}", "[a TO z]", "/.*/", "\\*", m + " || pairing:*", "organisation:*", "\"" + m + "\"~100",
                "*" + m.substring(2), f.other.organisationId(), f.other.pairingId(), theirs);
        for (String token : List.of(f.manager, f.dsl, f.admin, f.managerB)) {
            for (String attempt : attempts) {
                for (String extra : List.of("", "&sort=relevance", "&size=100", "&verdict=deliver", "&programme=" + f.other.programmeId())) {
                    Api.Response r = f.search(token, q(attempt) + extra);
                    assertTrue(r.status() == 200 || r.status() == 400 || r.status() == 404, attempt + " -> " + r);
                    assertFalse(r.body().contains(theirs), attempt + extra + " must not reveal their message: " + r.body());
                    assertFalse(r.body().contains(f.other.pairingId()) && r.status() == 200,
                            attempt + extra + " must not reveal their pairing: " + r.body());
                }
            }
        }
        // And the other way round.
        for (String attempt : attempts) {
            Api.Response r = f.search(f.other.managerToken(), q(attempt.replace(f.other.organisationId(), ourOrg)));
            assertFalse(r.body().contains(ours), attempt + ": " + r.body());
        }
        assertEquals(List.of(theirs), ids(f.search(f.other.managerToken(), q(m))));
    }

    @Test
    void aProgrammeManagerFindsOnlyTheirOwnProgrammes() {
        String m = SearchFixture.marker();
        String inA = f.send(f.alex, f.rubyPairing.getString("id"), "Plans", "Ruby, " + m + " the open day is on Friday");
        String inB = f.send(f.mentorB, f.pairingB, "Plans", "Hello, " + m + " the open day is on Friday");
        assertEquals(Set.of(inA, inB), Set.copyOf(f.awaitCount(f.dsl, q(m), 2)), "the DSL sees the whole organisation");
        assertEquals(Set.of(inA, inB), set(f.search(f.admin, q(m))), "so does the organisation admin");
        assertEquals(List.of(inA), ids(f.search(f.manager, q(m))));
        assertEquals(List.of(inB), ids(f.search(f.managerB, q(m))));
        assertEquals(List.of(inA), ids(f.search(f.manager, q(m) + "&verdict=deliver,hold,deliver_flagged")), "filters never widen");
        assertEquals(404, f.search(f.manager, q(m) + "&pairing=" + f.pairingB).status());
        assertEquals(404, f.search(f.manager, q(m) + "&programme=" + f.programmeB).status());
        assertEquals(List.of(inB), ids(f.search(f.dsl, q(m) + "&programme=" + f.programmeB)));
    }

    @Test
    void participantsAndSchoolAdminsCannotSearch() {
        for (String token : List.of(f.alex, f.ruby, f.school, f.other.mentorToken(), f.other.menteeToken())) {
            Api.Response r = f.search(token, q("hello"));
            assertEquals(403, r.status(), r.toString());
        }
        assertEquals(401, f.search(null, q("hello")).status());
    }

    @Test
    void aQueryThatWouldEscapeTheWordsOrCostTooMuchIsRefusedNamingQ() {
        for (String bad : List.of("organisationId:abc", "pairing:abc", "*foo", "*", "*:*", "a*", "?x", "/ab.*/",
                "[a TO z]", "foo AND (", "\"unclosed", "the", "x".repeat(501))) {
            Api.Response r = f.search(f.manager, q(bad));
            assertEquals(400, r.status(), bad + " -> " + r);
            assertNotNull(r.reasonFor("q"), bad + " -> " + r);
        }
        assertTrue(f.search(f.manager, q("organisationId:abc")).reasonFor("q").contains("filters"));
    }

    @Test
    void reviewDecisionsAndDeliveryAreReflectedInTheIndex() {
        String m = SearchFixture.marker();
        String held = f.heldFromAlex("Ruby " + m + " text me on 07700 900456", "07700 900456", f.ago(Duration.ofMinutes(5)));
        assertEquals(List.of(held), f.awaitCount(f.manager, q(m) + "&state=held", 1));
        Api.Response released = f.api().post("/api/v1/review/items/" + held + "/decisions", f.manager,
                new JsonObject().put("decision", "release").put("note", "a school number"));
        assertEquals(200, released.status(), released.toString());
        f.awaitCount(f.manager, q(m) + "&state=held", 0);
        JsonObject hit = Await.until("the released message to be delivered", Duration.ofSeconds(20), () -> {
            Api.Response r = f.search(f.manager, q(m));
            JsonObject h = r.items().isEmpty() ? null : r.items().getJsonObject(0);
            return h != null && "delivered".equals(h.getString("state")) ? h : null;
        });
        assertEquals("released", hit.getString("reviewState"));
        assertEquals("hold", hit.getString("verdict"), "the verdict stays what the screening decided");
    }

    @Test
    void eachSearchIsWrittenToTheAuditLog() {
        String m = SearchFixture.marker();
        assertEquals(200, f.search(f.manager, q(m) + "&category=secrecy").status());
        JsonArray audit = f.api().get("/api/v1/audit", f.admin).items();
        boolean found = false;
        for (Object o : audit) {
            JsonObject e = (JsonObject) o;
            if ("search_messages".equals(e.getString("action")) && String.valueOf(e.getString("detail")).contains(m)) {
                found = true;
                assertTrue(e.getString("detail").contains("category secrecy"), e.encode());
            }
        }
        assertTrue(found, audit.encode());
    }

    @Test
    void readinessReportsTheIndex() {
        Api.Response ready = f.api().get("/ready", null);
        assertEquals(200, ready.status(), ready.toString());
        JsonObject index = ready.json().getJsonObject("checks").getJsonObject("index");
        assertEquals("UP", index.getString("status"));
        assertTrue(index.getString("detail").startsWith("current"), index.encode());
        Api.Response r = f.search(f.manager, q("anything"));
        assertTrue(r.json().getBoolean("complete"));
        assertEquals("current", r.json().getJsonObject("index").getString("state"));
    }

    private static Set<String> set(Api.Response r) {
        return new HashSet<>(ids(r));
    }

    /** The highlighted words, lower-cased. */
    static List<String> marked(String text, JsonArray marks) {
        List<String> out = new ArrayList<>();
        for (Object o : marks) {
            JsonObject mark = (JsonObject) o;
            out.add(text.substring(mark.getInteger("start"), mark.getInteger("end")).toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
