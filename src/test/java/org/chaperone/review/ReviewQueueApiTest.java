package org.chaperone.review;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.chaperone.pipeline.Action;
import org.chaperone.testing.Api;
import org.chaperone.testing.HeldMessages;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue, an opened item, the summary and the charts' numbers, through the HTTP API. */
class ReviewQueueApiTest {
    static TestGateway gw;
    static ReviewFixture f;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        f = new ReviewFixture(gw);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void theQueueListsWaitingItemsOldestFirstWithTheTimeWaitedAndNoContent() {
        String m = ReviewFixture.marker();
        String threeHours = f.heldFromAlex(m, Duration.ofHours(3));
        String oneHour = f.flaggedFromSam(m, "meeting_offline", "high", "we could meet at the park", Duration.ofHours(1));
        String twoHours = f.flaggedFromSam(m, "self_harm", "critical", "I have been hurting myself", Duration.ofHours(2));

        Api.Response r = f.api().get("/api/v1/review/queue", f.manager);
        assertEquals(200, r.status(), r.toString());
        List<JsonObject> mine = ReviewFixture.objects(r.items()).stream()
                .filter(o -> List.of(threeHours, twoHours, oneHour).contains(o.getString("id"))).toList();
        assertEquals(List.of(threeHours, twoHours, oneHour), mine.stream().map(o -> o.getString("id")).toList(),
                "oldest waiting first");
        JsonObject held = mine.getFirst();
        assertEquals("held", held.getString("kind"));
        assertTrue(held.getBoolean("held"));
        assertEquals("open", held.getString("reviewState"));
        assertEquals(List.of("contact_details"), held.getJsonArray("categories").getList());
        assertTrue(held.getLong("waitedSeconds") >= 3 * 3600 - 5, held.toString());
        assertTrue(held.getString("waited").startsWith("3 hours"), held.getString("waited"));
        assertEquals("Alex Morgan \u2194 Ruby (15)", held.getString("pairing"));
        assertNull(held.getValue("text"), "the queue carries no message content");
        assertNull(held.getValue("subject"), "the queue carries no message content");
        assertEquals("critical", mine.get(1).getString("severity"));

        assertEquals(List.of(twoHours), mine(f.queueIds(f.manager, "severity=critical"), threeHours, twoHours, oneHour));
        assertEquals(List.of(threeHours), mine(f.queueIds(f.manager, "category=contact_details"), threeHours, twoHours, oneHour));
        assertEquals(List.of(twoHours, oneHour), mine(f.queueIds(f.manager, "kind=flagged"), threeHours, twoHours, oneHour));
        assertEquals(List.of(twoHours, oneHour),
                mine(f.queueIds(f.manager, "pairing=" + f.samPairing.getString("id")), threeHours, twoHours, oneHour));
        assertEquals(List.of(oneHour, twoHours, threeHours), mine(f.queueIds(f.manager, "order=newest"), threeHours, twoHours, oneHour));
        assertEquals(twoHours, mine(f.queueIds(f.manager, "order=severity"), threeHours, twoHours, oneHour).getFirst(),
                "critical first when ordered by severity");

        assertEquals(200, f.decide(f.manager, threeHours, "release", null).status());
        assertFalse(f.queueIds(f.manager, null).contains(threeHours), "a decided item leaves the waiting queue");
        assertTrue(f.queueIds(f.manager, "state=released").contains(threeHours));
        assertTrue(f.queueIds(f.manager, "state=all").contains(threeHours));
    }

    private static List<String> mine(List<String> ids, String... of) {
        return ids.stream().filter(List.of(of)::contains).toList();
    }

    @Test
    void badFiltersAreNamedInTheAnswer() {
        Api.Response r = f.api().get("/api/v1/review/queue?severity=extreme&order=sideways&colour=red", f.manager);
        assertEquals(400, r.status());
        assertTrue(r.reasonFor("severity").contains("'extreme' is not one of"), r.toString());
        assertTrue(r.reasonFor("order").contains("oldest"), r.toString());
        assertEquals("is not a known parameter", r.reasonFor("colour"));
    }

    @Test
    void anOpenedItemShowsTheMessageAsDeliveredTheHighlightedMatchesAndTheConversation() {
        String m = ReviewFixture.marker();
        Api.Response earlier = f.api().post("/api/v1/pairings/" + f.rubyPairing.getString("id") + "/messages", f.ruby,
                new JsonObject().put("subject", "Thursday").put("text", "See you Thursday " + m));
        assertEquals(202, earlier.status(), earlier.toString());
        String id = f.heldFromAlex(m, Duration.ZERO);

        Api.Response r = f.api().get("/api/v1/review/items/" + id, f.manager);
        assertEquals(200, r.status(), r.toString());
        JsonObject item = r.json();
        JsonObject delivered = item.getJsonObject("asDelivered");
        assertEquals("Alex Morgan (via Chaperone)", delivered.getString("from"));
        assertTrue(delivered.getString("fromAddress").endsWith("@relay.chaperone.test"), delivered.toString());
        assertEquals("Ruby (15)", delivered.getString("to"));
        assertEquals(List.of("Priya Shah (programme manager)"), delivered.getJsonArray("cc").getList());
        assertEquals("Hi Ruby " + m + ", call me on 07700 900123 tonight", delivered.getString("text"));
        assertTrue(delivered.getString("note").startsWith("Held"));

        JsonObject reason = item.getJsonObject("verdict").getJsonArray("reasons").getJsonObject(0);
        assertEquals("contact_details", reason.getString("code"));
        assertEquals("hold", reason.getString("action"));

        JsonObject text = ReviewFixture.objects(item.getJsonArray("parts")).stream()
                .filter(p -> p.getString("source").equals("text:0")).findFirst().orElseThrow();
        List<JsonObject> segments = ReviewFixture.objects(text.getJsonArray("segments"));
        assertEquals(List.of("Hi Ruby " + m + ", call me on ", "07700 900123", " tonight"),
                segments.stream().map(s -> s.getString("text")).toList());
        JsonObject mark = segments.get(1).getJsonArray("marks").getJsonObject(0);
        assertEquals("contact", mark.getString("kind"));
        assertEquals("contact detail: phone", mark.getString("label"));
        assertTrue(segments.get(0).getJsonArray("marks").isEmpty());

        JsonArray before = item.getJsonObject("conversation").getJsonArray("before");
        assertEquals("See you Thursday " + m, before.getJsonObject(before.size() - 1).getString("text"),
                "the message just before it in the pairing");
        assertEquals(List.of("release", "reject", "escalate", "note"), item.getJsonArray("allowedDecisions").getList());
        assertTrue(ReviewFixture.objects(item.getJsonArray("record")).stream().anyMatch(rec -> rec.getString("type").equals("message_held")));
    }

    @Test
    void everyOpeningIsInTheAuditLogWhichOnlyTheOrganisationAdminReads() {
        String id = f.heldFromAlex(ReviewFixture.marker(), Duration.ZERO);
        assertEquals(200, f.api().get("/api/v1/review/items/" + id, f.manager).status());
        assertEquals(200, f.api().get("/api/v1/review/items/" + id, f.dsl).status());

        Api.Response log = f.api().get("/api/v1/audit?subject=" + id, f.admin);
        assertEquals(200, log.status(), log.toString());
        List<JsonObject> entries = ReviewFixture.objects(log.items());
        assertEquals(2, entries.size(), log.toString());
        assertTrue(entries.stream().allMatch(e -> e.getString("action").equals("open_review_item")));
        assertEquals(java.util.Set.of("Priya Shah", "Dana Whitfield"),
                entries.stream().map(e -> e.getString("actor")).collect(java.util.stream.Collectors.toSet()));

        assertEquals(403, f.api().get("/api/v1/audit", f.manager).status());
        assertEquals(403, f.api().get("/api/v1/audit", f.dsl).status());
        assertEquals(403, f.api().get("/api/v1/audit", f.alex).status());
    }

    @Test
    void participantsAndSchoolAdminsHaveNoReviewQueue() {
        assertEquals(403, f.api().get("/api/v1/review/queue", f.alex).status());
        assertEquals(403, f.api().get("/api/v1/review/queue", f.ruby).status());
        assertEquals(403, f.api().get("/api/v1/review/summary", f.school).status());
        assertEquals(403, f.api().get("/api/v1/incidents", f.sam).status());
        assertEquals(401, f.api().get("/api/v1/review/queue", null).status());
    }

    @Test
    void theSummaryCountsWhatWaitsAndSinceWhenPerProgramme() {
        String m = ReviewFixture.marker();
        f.heldFromAlex(m, Duration.ofDays(2));
        Api.Response r = f.api().get("/api/v1/review/summary", f.dsl);
        assertEquals(200, r.status(), r.toString());
        JsonObject programme = r.items().getJsonObject(0);
        assertEquals("Year 10 Careers Mentoring", programme.getString("programme"));
        assertEquals(f.queueIds(f.dsl, null).size(), programme.getInteger("unreviewed"));
        assertTrue(programme.getInteger("held") >= 1);
        assertTrue(programme.getLong("oldestWaitedSeconds") >= 2 * 86400 - 5, programme.toString());
        assertTrue(programme.getString("oldestWaited").startsWith("2 days"), programme.toString());
    }

    @Test
    void theChartsCountFlagsPerWeekByCategoryAndMessagesPerPairing() {
        String m = ReviewFixture.marker();
        String programmeId = f.rubyPairing.getString("programmeId");
        JsonObject before = f.api().get("/api/v1/stats/programmes/" + programmeId + "/flags?weeks=4", f.manager).json();
        f.flaggedFromSam(m, "gifts_money", "medium", "I can send you some money", Duration.ZERO);
        Api.Response r = f.api().get("/api/v1/stats/programmes/" + programmeId + "/flags?weeks=4", f.manager);
        assertEquals(200, r.status(), r.toString());
        JsonArray weeks = r.json().getJsonArray("weeks");
        assertEquals(4, weeks.size());
        int now = weeks.getJsonObject(3).getJsonObject("counts").getInteger("gifts_money", 0);
        int then = before.getJsonArray("weeks").getJsonObject(3).getJsonObject("counts").getInteger("gifts_money", 0);
        assertEquals(then + 1, now, "this week's bar grows by the new flag");
        assertTrue(r.json().getJsonArray("categories").contains("gifts_money"));

        Api.Response pairings = f.api().get("/api/v1/stats/programmes/" + programmeId + "/pairings?weeks=4", f.manager);
        assertEquals(200, pairings.status(), pairings.toString());
        List<JsonObject> rows = ReviewFixture.objects(pairings.items());
        assertEquals(2, rows.size(), "every pairing, also those with no messages");
        JsonObject sam = rows.stream().filter(p -> p.getString("pairingId").equals(f.samPairing.getString("id"))).findFirst().orElseThrow();
        assertTrue(sam.getInteger("menteeToMentor") >= 1);
        assertEquals(sam.getInteger("mentorToMentee") + sam.getInteger("menteeToMentor"), sam.getInteger("total"));

        assertEquals(404, f.api().get("/api/v1/stats/programmes/nope/flags", f.manager).status());
        assertEquals(400, f.api().get("/api/v1/stats/programmes/" + programmeId + "/flags?weeks=500", f.manager).status());
    }

    @Test
    void anUrgentFlagAlertsTheDslAndTheManagerAtOnceWithoutTheMessageText() throws Exception {
        String m = ReviewFixture.marker();
        String text = "Jo " + m + " I don't want to be here anymore, I have a plan to end it";
        String id = HeldMessages.store(gw.gateway(), f.samPairing.getString("id"), f.samId, "tonight", text, f.ago(Duration.ZERO),
                HeldMessages.concern(text, "self_harm", "critical", "I have a plan to end it", Action.DELIVER_FLAGGED, true));
        org.chaperone.testing.Maildir maildir = new org.chaperone.testing.Maildir(gw.dataDir());
        for (String who : List.of("dsl", "manager")) {
            jakarta.mail.internet.MimeMessage alert = maildir.awaitContaining(org.chaperone.testing.Demo.email(who), id);
            assertTrue(alert.getSubject().startsWith("URGENT safeguarding alert: self harm (critical) in pairing Jo Patel \u2194 Sam (19)"),
                    alert.getSubject());
            assertEquals("high", alert.getHeader("Importance")[0]);
            assertEquals("auto-generated", alert.getHeader("Auto-Submitted")[0]);
            String body = org.chaperone.testing.Maildir.readable(alert);
            assertFalse(body.contains(m) || body.contains("end it"), "the alert never carries the message text");
            assertTrue(body.contains("#/items/" + id), "it points to the item in the dashboard");
        }
        JsonObject record = ReviewFixture.objects(f.incidents(f.dsl, "type=urgent_alert")).stream()
                .filter(r -> id.equals(r.getString("messageId"))).findFirst().orElseThrow();
        assertTrue(record.getString("summary").contains("Dana Whitfield (designated safeguarding lead)"), record.toString());
        JsonObject summary = f.api().get("/api/v1/review/summary", f.dsl).items().getJsonObject(0);
        assertTrue(summary.getInteger("urgent") >= 1);
        assertNotNull(summary.getString("oldestWaitingSince"));
    }
}
