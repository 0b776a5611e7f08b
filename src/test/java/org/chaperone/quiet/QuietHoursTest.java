package org.chaperone.quiet;

import com.mongodb.client.model.Filters;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bson.Document;
import org.chaperone.delivery.Composer;
import org.chaperone.delivery.Outbox;
import org.chaperone.pipeline.Messages;
import org.chaperone.review.Incidents;
import org.chaperone.testing.Api;
import org.chaperone.testing.Await;
import org.chaperone.testing.Demo;
import org.chaperone.testing.Maildir;
import org.chaperone.testing.MutableClock;
import org.chaperone.testing.TestGateway;
import org.chaperone.testing.Texts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One night in the demo programme (quiet hours 21:00–07:00, Europe/London): what is written is accepted and
 * stored, the writer is told once, nothing reaches anyone until 07:00, a mentor who keeps writing is flagged,
 * and an urgent safeguarding alert goes out at once.
 */
class QuietHoursTest {
    static final LocalDate NIGHT = LocalDate.of(2026, 5, 12);
    static final String ALEX_PHONE = "+447700900511";
    static final String RUBY_PHONE = "+447700900611";
    TestGateway gw;

    static Instant london(LocalDate date, int hour, int minute) {
        return LocalDateTime.of(date, LocalTime.of(hour, minute)).atZone(MutableClock.LONDON).toInstant();
    }

    @AfterEach
    void stop() {
        if (gw != null) gw.close();
    }

    @Test
    void whatIsWrittenInQuietHoursWaitsForTheMorningAndTheWriterIsToldOnce() {
        MutableClock clock = MutableClock.at(london(NIGHT, 12, 0));
        gw = Texts.configure(TestGateway.builder().clock(clock)).start();
        Api api = gw.api();
        Texts texts = new Texts(gw);
        Maildir maildir = new Maildir(gw.dataDir());
        String admin = Demo.token(api, "admin");
        String alex = Demo.token(api, "mentor.alex");
        JsonObject pairing = Demo.pairingOf(api, alex);
        String pairingId = pairing.getString("id");
        String relayNumber = pairing.getString("relayNumber");
        String alexId = userId(api, admin, "mentor.alex");
        approve(api, ALEX_PHONE, alexId);
        assertEquals(200, api.patch("/api/v1/users/" + userId(api, admin, "mentee.ruby"), admin,
                new JsonObject().put("phones", new JsonArray().add(RUBY_PHONE))).status());

        clock.set(london(NIGHT, 22, 30));
        Api.Response first = send(api, alex, pairingId, "Quiet one: here is the CV template I mentioned");
        assertEquals(202, first.status(), first.toString());
        assertEquals("waiting_for_morning", first.json().getString("state"));
        Document stored = message(first.json().getString("id"));
        Instant morning = london(NIGHT.plusDays(1), 7, 0);
        assertEquals(morning, stored.getDate("deliverAfter").toInstant());
        assertEquals("queued", stored.getString("state"), "accepted and stored, not held");
        assertTrue(reasonCodes(stored).contains("quiet_hours"), stored.toJson());

        String notice = awaitMail(maildir, Demo.email("mentor.alex"), "will arrive in the morning");
        assertTrue(notice.contains("07:00 on Wednesday 13 May"), notice);

        clock.set(london(NIGHT, 22, 40));
        assertEquals("waiting_for_morning", send(api, alex, pairingId, "Quiet two: and the cover letter").json().getString("state"));
        Await.condition("the notice outbox to drain", Duration.ofSeconds(10), () -> gw.gateway().store()
                .collection(Outbox.COLLECTION).countDocuments(Filters.regex("conversation", "^notice:")) == 0);
        assertEquals(1, mails(maildir, Demo.email("mentor.alex"), "will arrive in the morning").size(), "told once a night");

        // The third message of the night is flagged to the manager, and so is each after it; one incident.
        clock.set(london(NIGHT, 22, 50));
        Document third = message(send(api, alex, pairingId, "Quiet three: are you awake?").json().getString("id"));
        assertEquals("deliver_flagged", third.get("verdict", Document.class).getString("action"));
        assertTrue(reasonCodes(third).contains("quiet_hours_persistent"), third.toJson());
        assertEquals("open", third.get("review", Document.class).getString("state"));
        clock.set(london(NIGHT, 23, 0));
        Document fourth = message(send(api, alex, pairingId, "Quiet four: reply when you can").json().getString("id"));
        assertTrue(reasonCodes(fourth).contains("quiet_hours_persistent"));
        assertEquals(1, gw.gateway().store().collection(Incidents.COLLECTION)
                .countDocuments(Filters.eq("type", "quiet_hours_persistent")));

        // A text in quiet hours waits too; the texter is told by text, at once.
        clock.set(london(NIGHT, 23, 10));
        Texts.Reply text = texts.json(RUBY_PHONE, relayNumber, "Quiet text: sorry, only just saw this");
        assertEquals(202, text.status(), text.body());
        assertEquals("waiting_for_morning", text.json().getString("state"));
        JsonObject told = texts.await("the quiet-hours notice to Ruby", t -> t.getString("to").equals(RUBY_PHONE));
        assertEquals("Chaperone: Your message to Alex Morgan will arrive in the morning.", told.getString("body"));
        assertEquals(relayNumber, told.getString("from"));

        // An urgent safeguarding alert ignores quiet hours.
        clock.set(london(NIGHT, 23, 15));
        Composer composer = new Composer(gw.gateway().config().delivery().senderAddress(), gw.gateway().config().relay().domain());
        Outbox outbox = gw.gateway().outbox();
        outbox.insert(outbox.preparedEntry(stored.getString("organisationId"), "alert:" + pairingId, List.of(Demo.email("dsl")),
                composer.text(List.of(Demo.email("dsl")), "URGENT: safeguarding concern", "A disclosure needs your attention now.",
                        true, clock.instant(), "alert-1"), true, null, clock.instant(), "urgent_alert"));
        awaitMail(maildir, Demo.email("dsl"), "URGENT: safeguarding concern");

        // Nothing else went out during the night.
        assertTrue(maildir.raw(Demo.email("mentee.ruby")).isEmpty(), "nothing reaches Ruby at night");
        assertTrue(mails(maildir, Demo.email("manager"), "Quiet").isEmpty(), "nor the manager's copies");
        assertTrue(texts.sentWhere(Texts.containing("only just saw this")).isEmpty(), "nor the text to Alex");

        clock.set(morning.plusSeconds(1));
        for (String m : List.of("Quiet one", "Quiet two", "Quiet three", "Quiet four")) {
            awaitMail(maildir, Demo.email("mentee.ruby"), m);
            awaitMail(maildir, Demo.email("manager"), m);
        }
        JsonObject relayed = texts.await("Ruby's text to Alex in the morning", Texts.containing("only just saw this"));
        assertEquals(ALEX_PHONE, relayed.getString("to"));
        assertTrue(!Instant.parse(relayed.getString("at")).isBefore(morning), "sent at " + relayed.getString("at"));
        Document delivered = Await.until("delivered", Duration.ofSeconds(10), () -> {
            Document d = message(first.json().getString("id"));
            return "delivered".equals(d.getString("state")) ? d : null;
        });
        assertTrue(!delivered.getDate("deliveredAt").toInstant().isBefore(morning));
    }

    @Test
    void theNextNightTheWriterIsToldAgain() {
        MutableClock clock = MutableClock.at(london(NIGHT, 21, 5));
        gw = TestGateway.builder().clock(clock).start();
        Api api = gw.api();
        Maildir maildir = new Maildir(gw.dataDir());
        String sam = Demo.token(api, "mentee.sam");
        String pairingId = Demo.pairingOf(api, sam).getString("id");
        assertEquals("waiting_for_morning", send(api, sam, pairingId, "Night one").json().getString("state"));
        awaitMail(maildir, Demo.email("mentee.sam"), "will arrive in the morning");
        clock.set(london(NIGHT.plusDays(1), 12, 0));
        assertEquals("queued", send(api, sam, pairingId, "Midday").json().getString("state"));
        clock.set(london(NIGHT.plusDays(1), 6, 30).plus(Duration.ofDays(1)));
        assertEquals("waiting_for_morning", send(api, sam, pairingId, "Night two, early morning").json().getString("state"));
        Await.condition("two notices", Duration.ofSeconds(20),
                () -> mails(maildir, Demo.email("mentee.sam"), "will arrive in the morning").size() == 2);
        Document early = gw.gateway().store().collection(Messages.COLLECTION).find(Filters.eq("text", "Night two, early morning")).first();
        assertNotNull(early);
        assertEquals(london(NIGHT.plusDays(2), 7, 0), early.getDate("deliverAfter").toInstant());
        assertTrue(reasonCodes(early).stream().noneMatch("quiet_hours_persistent"::equals), "mentees are not flagged");
    }

    // --- helpers

    static Api.Response send(Api api, String token, String pairingId, String text) {
        return api.post("/api/v1/pairings/" + pairingId + "/messages", token, new JsonObject().put("text", text));
    }

    Document message(String id) {
        return gw.gateway().store().collection(Messages.COLLECTION).find(Filters.eq("_id", id)).first();
    }

    static List<String> reasonCodes(Document message) {
        return message.get("verdict", Document.class).getList("reasons", Document.class).stream()
                .map(r -> r.getString("code")).toList();
    }

    static List<String> mails(Maildir maildir, String address, String containing) {
        List<String> out = new ArrayList<>();
        for (byte[] raw : maildir.raw(address)) {
            String s = new String(raw, StandardCharsets.UTF_8);
            if (s.contains(containing)) out.add(s);
        }
        return out;
    }

    static String awaitMail(Maildir maildir, String address, String containing) {
        return Await.until("mail to " + address + " containing " + containing, Duration.ofSeconds(20),
                () -> mails(maildir, address, containing).stream().findFirst().orElse(null));
    }

    static String userId(Api api, String admin, String local) {
        for (Object o : api.get("/api/v1/users", admin).items()) {
            JsonObject u = (JsonObject) o;
            if (u.getString("email").equals(Demo.email(local))) return u.getString("id");
        }
        throw new AssertionError("no user " + local);
    }

    static void approve(Api api, String number, String mentorId) {
        String school = Demo.token(api, "school");
        String schoolId = api.get("/api/v1/schools", school).items().getJsonObject(0).getString("id");
        Api.Response r = api.post("/api/v1/schools/" + schoolId + "/approved-numbers", school,
                new JsonObject().put("number", number).put("mentorId", mentorId));
        assertEquals(201, r.status(), r.toString());
    }
}
