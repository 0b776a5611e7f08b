package org.chaperone.ingress.sms;

import com.mongodb.client.model.Filters;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bson.Document;
import org.chaperone.pipeline.Messages;
import org.chaperone.review.Incidents;
import org.chaperone.testing.Api;
import org.chaperone.testing.Await;
import org.chaperone.testing.Demo;
import org.chaperone.testing.Maildir;
import org.chaperone.testing.TestGateway;
import org.chaperone.testing.Texts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Texts between approved numbers through a pairing's relay number: the provider webhooks, who may text,
 * and where the relayed text goes. Mentor Alex texts 15-year-old Ruby (her manager is copied by email);
 * mentor Jo texts 19-year-old Sam, who has no phone registered and so receives texts by email.
 */
class SmsRelayTest {
    static final String ALEX_PHONE = "+447700900501";
    static final String JO_PHONE = "+447700900502";
    static final String RUBY_PHONE = "+447700900601";
    static TestGateway gw;
    static Api api;
    static Texts texts;
    static String admin, rubyRelay, joRelay, rubyPairing, alexRelayAddress, joRelayAddress, samId;

    @BeforeAll
    static void start() {
        gw = Texts.configure(TestGateway.builder()).start();
        api = gw.api();
        texts = new Texts(gw);
        admin = Demo.token(api, "admin");
        String school = Demo.token(api, "school");
        String schoolId = api.get("/api/v1/schools", school).items().getJsonObject(0).getString("id");
        register(school, schoolId, ALEX_PHONE, userId("mentor.alex"));
        register(school, schoolId, JO_PHONE, userId("mentor.jo"));
        setPhones(userId("mentee.ruby"), RUBY_PHONE);
        samId = userId("mentee.sam");

        JsonObject ruby = Demo.pairingOf(api, Demo.token(api, "mentor.alex"));
        rubyPairing = ruby.getString("id");
        rubyRelay = ruby.getString("relayNumber");
        alexRelayAddress = relayAddress(ruby, "mentor");
        JsonObject sam = Demo.pairingOf(api, Demo.token(api, "mentor.jo"));
        joRelay = sam.getString("relayNumber");
        joRelayAddress = relayAddress(sam, "mentor");
        assertNotNull(rubyRelay, "every pairing has a relay number from the pool: " + ruby);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void aSignedTextFromTheMentorsApprovedNumberReachesTheMenteeFromTheRelayNumber() {
        Texts.Reply r = texts.twilio(ALEX_PHONE, rubyRelay, "Hi Ruby, the college open day is on Saturday");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("<Response></Response>"), "nothing is sent back to the texter: " + r.body());

        JsonObject sent = texts.await("the text to Ruby", Texts.containing("college open day"));
        assertEquals(RUBY_PHONE, sent.getString("to"));
        assertEquals(rubyRelay, sent.getString("from"), "Ruby sees only the relay number");
        assertEquals("Alex Morgan: Hi Ruby, the college open day is on Saturday", sent.getString("body"));
        assertFalse(sent.encode().contains(ALEX_PHONE), "the mentor's own number never reaches the mentee");

        Document stored = message("college open day");
        assertEquals("sms", stored.getString("channel"));
        assertEquals("mentor_to_mentee", stored.getString("direction"));
        assertEquals(List.of(userId("manager")), stored.getList("copies", String.class), "Ruby is 15: her manager is copied");
        String copy = awaitMail(Demo.email("manager"), "college open day");
        assertTrue(copy.contains(alexRelayAddress), "the manager's copy comes from the mentor's relay address");
        assertFalse(copy.contains(ALEX_PHONE));
    }

    @Test
    void theMenteesReplyGoesToTheMentorsApprovedNumber() {
        Texts.Reply r = texts.json("07700 900601", rubyRelay, "Thanks! Can I bring my portfolio?");
        assertEquals(202, r.status(), r.body());
        assertEquals("queued", r.json().getString("state"));
        assertNotNull(r.json().getString("id"));
        JsonObject sent = texts.await("the reply to Alex", Texts.containing("bring my portfolio"));
        assertEquals(ALEX_PHONE, sent.getString("to"));
        assertEquals(rubyRelay, sent.getString("from"));
        assertEquals("Ruby (15): Thanks! Can I bring my portfolio?", sent.getString("body"));
        assertEquals("mentee_to_mentor", message("bring my portfolio").getString("direction"));
    }

    @Test
    void aRecipientWithoutANumberIsReachedByEmailFromTheRelayAddress() {
        assertEquals(200, texts.twilio(JO_PHONE, joRelay, "Sam, good luck with the interview tomorrow").status());
        String mail = awaitMail(Demo.email("mentee.sam"), "good luck with the interview");
        assertTrue(mail.contains(joRelayAddress), "from Jo's relay address, like a web message");
        assertFalse(mail.contains(JO_PHONE));
        assertTrue(texts.sentWhere(Texts.containing("good luck with the interview")).isEmpty(), "Sam has no phone registered");
    }

    @Test
    void unsignedAndWronglySignedTwilioWebhooksAreRefusedWith403() {
        Texts.Reply unsigned = texts.twilio(ALEX_PHONE, rubyRelay, "unsigned hello", "SMunsigned1", "");
        assertEquals(403, unsigned.status(), unsigned.body());
        Texts.Reply wrong = texts.twilio(ALEX_PHONE, rubyRelay, "forged hello", "SMforged1", "bm90IGEgc2lnbmF0dXJl");
        assertEquals(403, wrong.status());
        java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("From", ALEX_PHONE);
        form.put("To", rubyRelay);
        form.put("Body", "other url hello");
        String otherUrl = Texts.sign("https://attacker.example/webhooks/sms/twilio", form);
        assertEquals(403, texts.twilio(ALEX_PHONE, rubyRelay, "other url hello", "SMother1", otherUrl).status());
        for (String t : List.of("unsigned hello", "forged hello", "other url hello")) {
            assertNull(messages().find(Filters.eq("text", t)).first(), "nothing was stored: " + t);
            assertTrue(texts.sentWhere(Texts.containing(t)).isEmpty(), "nothing was relayed: " + t);
        }
    }

    @Test
    void theJsonWebhookNeedsItsSecret() {
        JsonObject body = new JsonObject().put("from", ALEX_PHONE).put("to", rubyRelay).put("text", "json secret hello");
        assertEquals(401, texts.json(null, body).status());
        assertEquals(403, texts.json("not-the-secret-not-the-secret", body).status());
        Texts.Reply missing = texts.json(Texts.JSON_SECRET, new JsonObject().put("from", ALEX_PHONE).put("text", "x"));
        assertEquals(400, missing.status());
        assertTrue(missing.body().contains("\"field\":\"to\""), missing.body());
        Texts.Reply badNumber = texts.json(Texts.JSON_SECRET, body.copy().put("from", "not a number"));
        assertEquals(400, badNumber.status());
        assertTrue(badNumber.body().contains("\"field\":\"from\""), badNumber.body());
        assertNull(messages().find(Filters.eq("text", "json secret hello")).first());
    }

    @Test
    void aTextFromAnUnknownNumberIsRefusedRecordedAndNothingIsForwarded() {
        Texts.Reply r = texts.twilio("+447700900999", rubyRelay, "hey its me, new number");
        assertEquals(403, r.status(), r.body());
        assertTrue(r.body().contains("<Response></Response>"), "no reply text goes to the unknown number");
        assertNull(messages().find(Filters.eq("text", "hey its me, new number")).first());
        assertTrue(texts.sentWhere(Texts.containing("new number")).isEmpty());
        assertTrue(texts.sentWhere(t -> t.getString("to").equals("+447700900999")).isEmpty());
        Document incident = Await.until("the incident", Duration.ofSeconds(5), () -> gw.gateway().store()
                .collection(Incidents.COLLECTION).find(Filters.and(Filters.eq("type", "unapproved_number"),
                        Filters.regex("summary", "\\+447700900999"))).first());
        assertTrue(incident.getString("summary").contains(rubyRelay), incident.toJson());
        assertTrue(incident.getString("summary").contains("refused"), incident.toJson());
    }

    @Test
    void aTextToANumberThatIsNotARelayNumberIsNotFound() {
        Texts.Reply r = texts.json(ALEX_PHONE, "+447700900888", "wrong number");
        assertEquals(404, r.status(), r.body());
        assertEquals("unknown_address", r.json().getString("error"));
    }

    @Test
    void aMentorsPersonalPhoneIsRefusedAndTheIncidentNamesThePairing() {
        setPhones(userId("mentor.alex"), "+447700900777"); // on file, but not approved by the school
        Texts.Reply r = texts.json("+447700900777", rubyRelay, "texting from my own phone tonight");
        assertEquals(403, r.status(), r.body());
        assertEquals("unapproved_number", r.json().getString("error"));
        Document incident = gw.gateway().store().collection(Incidents.COLLECTION).find(Filters.and(
                Filters.eq("type", "unapproved_number"), Filters.regex("summary", "\\+447700900777"))).first();
        assertNotNull(incident);
        assertEquals(rubyPairing, incident.getString("pairingId"));
        assertTrue(incident.getString("summary").contains("registered to Alex Morgan (mentor)"), incident.getString("summary"));
        assertTrue(texts.sentWhere(Texts.containing("from my own phone")).isEmpty());
        assertNull(messages().find(Filters.regex("text", "from my own phone")).first());
    }

    @Test
    void aRevokedNumberCanNoLongerText() {
        String school = Demo.token(api, "school");
        String schoolId = api.get("/api/v1/schools", school).items().getJsonObject(0).getString("id");
        register(school, schoolId, "+447700900503", userId("mentor.alex"));
        assertEquals(202, texts.json("+447700900503", rubyRelay, "from my second approved phone").status());
        assertEquals(204, api.delete("/api/v1/schools/" + schoolId + "/approved-numbers/%2B447700900503", school).status());
        assertEquals(403, texts.json("+447700900503", rubyRelay, "after the number was revoked").status());
        assertNull(messages().find(Filters.regex("text", "after the number was revoked")).first());
    }

    @Test
    void aRepeatedWebhookDeliveryIsRelayedOnce() {
        String sid = "SMrepeat0000000000000000000000001";
        assertEquals(200, texts.twilio(ALEX_PHONE, rubyRelay, "see you at ten", sid, null).status());
        assertEquals(200, texts.twilio(ALEX_PHONE, rubyRelay, "see you at ten", sid, null).status());
        texts.await("the text", Texts.containing("see you at ten"));
        assertEquals(1, messages().countDocuments(Filters.eq("text", "see you at ten")));
    }

    @Test
    void aNumberSharedByTwoMenteesOnOneRelayNumberIsRefusedAsAmbiguous() {
        assertEquals(rubyRelay, joRelay, "the demo's pool serves both pairings from one number");
        setPhones(samId, RUBY_PHONE); // siblings sharing a phone
        try {
            Texts.Reply r = texts.json(RUBY_PHONE, rubyRelay, "whose phone is this");
            assertEquals(403, r.status(), r.body());
            assertEquals("ambiguous_sender", r.json().getString("error"));
            assertEquals(2, gw.gateway().store().collection(Incidents.COLLECTION)
                    .countDocuments(Filters.eq("type", "ambiguous_text_sender")), "one for each pairing it could mean");
            assertTrue(texts.sentWhere(Texts.containing("whose phone")).isEmpty());
        } finally {
            setPhones(samId);
        }
    }

    // --- helpers

    static void register(String token, String schoolId, String number, String mentorId) {
        Api.Response r = api.post("/api/v1/schools/" + schoolId + "/approved-numbers", token,
                new JsonObject().put("number", number).put("mentorId", mentorId));
        assertEquals(201, r.status(), r.toString());
    }

    static void setPhones(String userId, String... phones) {
        Api.Response r = api.patch("/api/v1/users/" + userId, admin, new JsonObject().put("phones", new JsonArray(List.of(phones))));
        assertEquals(200, r.status(), r.toString());
    }

    static String userId(String local) {
        for (Object o : api.get("/api/v1/users", admin).items()) {
            JsonObject u = (JsonObject) o;
            if (u.getString("email").equals(Demo.email(local))) return u.getString("id");
        }
        throw new AssertionError("no user " + local);
    }

    static String relayAddress(JsonObject pairing, String role) {
        for (Object o : pairing.getJsonArray("relayAddresses")) {
            JsonObject a = (JsonObject) o;
            if (a.getString("role").equals(role)) return a.getString("address");
        }
        throw new AssertionError("no " + role + " relay address in " + pairing);
    }

    static com.mongodb.client.MongoCollection<Document> messages() {
        return gw.gateway().store().collection(Messages.COLLECTION);
    }

    static Document message(String containing) {
        return Await.until("the stored message", Duration.ofSeconds(5),
                () -> messages().find(Filters.regex("text", java.util.regex.Pattern.quote(containing))).first());
    }

    static String awaitMail(String address, String containing) {
        Maildir maildir = new Maildir(gw.dataDir());
        return Await.until("mail to " + address + " containing " + containing, Duration.ofSeconds(20), () -> {
            List<String> all = new ArrayList<>();
            for (byte[] raw : maildir.raw(address)) all.add(new String(raw, StandardCharsets.UTF_8));
            return all.stream().filter(m -> m.contains(containing)).findFirst().orElse(null);
        });
    }
}
