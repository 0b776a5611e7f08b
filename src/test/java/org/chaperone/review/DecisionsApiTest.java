package org.chaperone.review;

import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.Maildir;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Release, reject, escalate, mark reviewed and note, through the HTTP API, with what each sends. */
class DecisionsApiTest {
    static TestGateway gw;
    static ReviewFixture f;
    static Maildir maildir;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        f = new ReviewFixture(gw);
        maildir = new Maildir(gw.dataDir());
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void releasingAHeldMessageDeliversItNowWithTheManagerCopied() throws Exception {
        String m = ReviewFixture.marker();
        String id = f.heldFromAlex(m, Duration.ofMinutes(30));
        assertFalse(maildir.anyContaining(Demo.email("mentee.ruby"), m), "held: not delivered");

        Api.Response r = f.decide(f.manager, id, "release", "Checked with Alex: it is the school office number.");
        assertEquals(200, r.status(), r.toString());
        assertEquals("released", r.json().getString("reviewState"));
        assertEquals("queued", r.json().getString("messageState"));
        assertEquals("message_released", r.json().getJsonObject("record").getString("type"));

        MimeMessage delivered = maildir.awaitContaining(Demo.email("mentee.ruby"), m);
        assertEquals(Demo.email("manager"), ((InternetAddress) delivered.getRecipients(Message.RecipientType.CC)[0]).getAddress());
        assertTrue(Maildir.readable(delivered).contains("07700 900123"), "released as written");
        maildir.awaitContaining(Demo.email("manager"), m);

        JsonObject record = ReviewFixture.objects(f.incidents(f.dsl, "type=message_released")).stream()
                .filter(rec -> id.equals(rec.getString("messageId"))).findFirst().orElseThrow();
        assertEquals("Priya Shah", record.getString("actor"));
        assertEquals("programme_manager", record.getString("actorRole"));
        assertTrue(record.getString("summary").contains("released the held message from Alex Morgan to Ruby (15)"), record.toString());
        assertTrue(record.getString("summary").contains("school office number"));
        assertEquals("delivered", org.chaperone.testing.Await.until("delivered state", Duration.ofSeconds(20), () -> {
            String s = f.api().get("/api/v1/review/items/" + id, f.manager).json().getString("messageState");
            return "delivered".equals(s) ? s : null;
        }));
    }

    @Test
    void aSecondDecisionIsRefusedNamingWhoDecidedWhatAndWhen() {
        String id = f.heldFromAlex(ReviewFixture.marker(), Duration.ZERO);
        assertEquals(200, f.decide(f.manager, id, "release", null).status());
        Api.Response again = f.decide(f.dsl, id, "reject", null);
        assertEquals(409, again.status(), again.toString());
        assertEquals("already_decided", again.json().getString("error"));
        assertTrue(again.json().getString("message").startsWith("This item was already released by Priya Shah at "), again.toString());
        assertEquals(409, f.decide(f.manager, id, "release", null).status());
    }

    @Test
    void twoManagersDecidingAtOnceCannotBothWin() throws Exception {
        for (int round = 0; round < 3; round++) {
            String id = f.heldFromAlex(ReviewFixture.marker(), Duration.ZERO);
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<Integer>> both = List.of(
                    () -> { go.await(); return f.decide(f.manager, id, "release", null).status(); },
                    () -> { go.await(); return f.decide(f.dsl, id, "reject", null).status(); });
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                List<Future<Integer>> results = new ArrayList<>();
                for (Callable<Integer> c : both) results.add(pool.submit(c));
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> r : results) statuses.add(r.get());
                statuses.sort(null);
                assertEquals(List.of(200, 409), statuses, "exactly one decision wins");
            }
            long records = ReviewFixture.objects(f.incidents(f.dsl, null)).stream()
                    .filter(r -> id.equals(r.getString("messageId")) && List.of("message_released", "message_rejected").contains(r.getString("type")))
                    .count();
            assertEquals(1, records, "one decision, one record");
        }
    }

    @Test
    void rejectingTellsTheSenderWhichRuleItBrokeAndDeliversNothing() throws Exception {
        String m = ReviewFixture.marker();
        String id = f.heldFromAlex(m, Duration.ZERO);
        Api.Response r = f.decide(f.manager, id, "reject", null);
        assertEquals(200, r.status(), r.toString());
        assertEquals("rejected", r.json().getString("messageState"));

        MimeMessage notice = maildir.awaitContaining(Demo.email("mentor.alex"), "Plans " + m);
        assertEquals("Your message to Ruby (15) was not delivered", notice.getSubject());
        String text = Maildir.readable(notice);
        assertTrue(text.contains("it contained a phone number; the programme's code of conduct does not allow sharing personal contact details"), text);
        assertEquals("auto-generated", notice.getHeader("Auto-Submitted")[0]);
        assertFalse(maildir.anyContaining(Demo.email("mentee.ruby"), m));
        assertTrue(gw.gateway().outbox().all().stream().noneMatch(e -> id.equals(e.getString("messageId"))), "no delivery queued");

        JsonObject own = ReviewFixture.objects(f.api().get("/api/v1/pairings/" + f.rubyPairing.getString("id") + "/messages", f.alex).items())
                .stream().filter(o -> id.equals(o.getString("id"))).findFirst().orElseThrow();
        assertEquals("rejected", own.getString("state"), "the sender sees their message was rejected");
        assertTrue(ReviewFixture.objects(f.api().get("/api/v1/pairings/" + f.rubyPairing.getString("id") + "/messages", f.ruby).items())
                .stream().noneMatch(o -> id.equals(o.getString("id"))), "the recipient never sees it");
    }

    @Test
    void escalatingTellsTheDslWithoutTheMessageTextAndTheDslDecidesNext() throws Exception {
        String m = ReviewFixture.marker();
        String id = f.flaggedFromSam(m, "abuse_disclosure", "high", "he shouts at me and hits me", Duration.ZERO);
        Api.Response r = f.decide(f.manager, id, "escalate", "Needs the DSL today please");
        assertEquals(200, r.status(), r.toString());
        assertEquals("escalated", r.json().getString("reviewState"));

        MimeMessage mail = maildir.awaitContaining(Demo.email("dsl"), id);
        assertTrue(mail.getSubject().startsWith("Escalated to you for review: pairing Jo Patel \u2194 Sam (19)"), mail.getSubject());
        String body = Maildir.readable(mail);
        assertTrue(body.contains("Needs the DSL today please"));
        assertTrue(body.contains("abuse disclosure"));
        assertFalse(body.contains(m) || body.contains("hits me"), "no message text in the mail");

        Api.Response twice = f.decide(f.manager, id, "escalate", null);
        assertEquals(409, twice.status());
        assertTrue(twice.json().getString("message").contains("already escalated to the DSL by Priya Shah"), twice.toString());
        assertTrue(f.queueIds(f.dsl, "state=escalated").contains(id));
        assertEquals(200, f.decide(f.dsl, id, "reviewed", "Spoke to Sam; referral made.").status());
        assertEquals(409, f.decide(f.manager, id, "reviewed", null).status());
    }

    @Test
    void decisionsMustFitTheItem() {
        String flagged = f.flaggedFromSam(ReviewFixture.marker(), "secrecy", "medium", "keep this between us", Duration.ZERO);
        Api.Response release = f.decide(f.manager, flagged, "release", null);
        assertEquals(409, release.status());
        assertEquals("not_applicable", release.json().getString("error"));
        assertTrue(release.json().getString("message").contains("mark it reviewed"), release.toString());
        assertEquals(200, f.decide(f.manager, flagged, "reviewed", null).status());

        String held = f.heldFromAlex(ReviewFixture.marker(), Duration.ZERO);
        Api.Response reviewed = f.decide(f.manager, held, "reviewed", null);
        assertEquals(409, reviewed.status());
        assertTrue(reviewed.json().getString("message").contains("release it"), reviewed.toString());

        Api.Response unknown = f.decide(f.manager, held, "approve", null);
        assertEquals(400, unknown.status());
        assertTrue(unknown.reasonFor("decision").contains("release, reject, escalate, reviewed, note"), unknown.toString());
        assertEquals(404, f.decide(f.manager, "000000000000000000000000", "release", null).status());
    }

    @Test
    void aHeldMessageOfAnEndedPairingCannotBeReleasedOnlyRejected() {
        org.chaperone.testing.Tenants.Tenant t = org.chaperone.testing.Tenants.create(gw.gateway(), f.api(), "Ended Pairings Trust");
        String text = "call me on 07700 900555";
        String id = org.chaperone.testing.HeldMessages.store(gw.gateway(), t.pairingId(), t.mentorId(), "hello", text,
                f.ago(Duration.ZERO), org.chaperone.testing.HeldMessages.phoneNumber(text, "07700 900555"));
        assertEquals(200, f.api().delete("/api/v1/pairings/" + t.pairingId(), t.adminToken()).status());
        Api.Response release = f.decide(t.managerToken(), id, "release", null);
        assertEquals(409, release.status(), release.toString());
        assertTrue(release.json().getString("message").contains("pairing has ended"), release.toString());
        assertEquals(200, f.decide(t.managerToken(), id, "reject", null).status());
    }

    @Test
    void aNoteIsAddedToTheRecordByAnyReaderButOnlyManagersAndDslsDecide() {
        String id = f.heldFromAlex(ReviewFixture.marker(), Duration.ZERO);
        Api.Response empty = f.decide(f.manager, id, "note", null);
        assertEquals(400, empty.status());
        assertEquals("is required for a note", empty.reasonFor("note"));

        assertEquals(200, f.decide(f.manager, id, "note", "Called the school to check the number.").status());
        assertEquals(200, f.decide(f.admin, id, "note", "Seen by the organisation admin.").status());
        Api.Response adminRelease = f.decide(f.admin, id, "release", null);
        assertEquals(403, adminRelease.status(), adminRelease.toString());
        assertEquals(403, f.decide(f.alex, id, "release", null).status());

        List<JsonObject> notes = ReviewFixture.objects(f.incidents(f.manager, "type=note")).stream()
                .filter(r -> id.equals(r.getString("messageId"))).toList();
        assertEquals(2, notes.size());
        assertTrue(notes.getFirst().getString("summary").endsWith("Note: Called the school to check the number."));
        assertEquals("open", f.api().get("/api/v1/review/items/" + id, f.manager).json().getString("reviewState"),
                "a note decides nothing");
    }

    @Test
    void aRecipientsReportBecomesAQueueItemAndAnIncidentRecord() {
        String m = ReviewFixture.marker();
        Api.Response sent = f.api().post("/api/v1/pairings/" + f.rubyPairing.getString("id") + "/messages", f.alex,
                new JsonObject().put("text", "You are my favourite mentee " + m));
        assertEquals(202, sent.status(), sent.toString());
        String id = sent.json().getString("id");
        assertFalse(f.queueIds(f.manager, null).contains(id));

        String path = "/api/v1/pairings/" + f.rubyPairing.getString("id") + "/messages/" + id + "/report";
        assertEquals(403, f.api().post(path, f.alex, new JsonObject()).status(), "the writer cannot report their own message");
        assertEquals(404, f.api().post("/api/v1/pairings/" + f.samPairing.getString("id") + "/messages/" + id + "/report", f.sam,
                new JsonObject()).status(), "nor can someone outside the pairing");
        Api.Response r = f.api().post(path, f.ruby, new JsonObject().put("reason", "this made me uncomfortable"));
        assertEquals(201, r.status(), r.toString());

        JsonObject item = ReviewFixture.objects(f.api().get("/api/v1/review/queue?kind=reported", f.manager).items()).stream()
                .filter(o -> id.equals(o.getString("id"))).findFirst().orElseThrow();
        assertEquals("reported", item.getString("kind"));
        assertEquals(List.of("reported"), item.getJsonArray("categories").getList());
        JsonObject opened = f.api().get("/api/v1/review/items/" + id, f.manager).json();
        assertEquals("this made me uncomfortable", opened.getJsonArray("reportsDetail").getJsonObject(0).getString("reason"));
        assertEquals(List.of("escalate", "reviewed", "note"), opened.getJsonArray("allowedDecisions").getList());

        JsonObject record = ReviewFixture.objects(f.incidents(f.manager, "type=message_reported")).stream()
                .filter(rec -> id.equals(rec.getString("messageId"))).findFirst().orElseThrow();
        assertEquals("Ruby (15)", record.getString("actor"));
        assertTrue(record.getString("summary").contains("this made me uncomfortable"));

        assertEquals(200, f.decide(f.manager, id, "reviewed", null).status());
        assertEquals(201, f.api().post(path, f.ruby, new JsonObject().put("reason", "it happened again")).status());
        assertTrue(f.queueIds(f.manager, null).contains(id), "a new report reopens a reviewed item");
    }
}
