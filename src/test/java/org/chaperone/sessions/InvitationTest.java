package org.chaperone.sessions;

import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.chaperone.testing.Api;
import org.chaperone.testing.Await;
import org.chaperone.testing.Demo;
import org.chaperone.testing.Maildir;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.chaperone.sessions.SessionFixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invitations as delivered (read from the Maildir and parsed back with ical4j), and the signed Jitsi
 * tokens in their links (checked with the same secret, independently of the code that signed them).
 */
class InvitationTest {
    static final Instant NOW = Instant.parse("2026-10-12T09:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 10, 12);
    static final String SECRET = "test-jitsi-app-secret-0123456789abcdef";
    static TestGateway gw;
    static Api api;
    static Maildir maildir;

    @BeforeAll
    static void start() {
        gw = TestGateway.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .env("CHAPERONE_SESSIONS_JITSI_APP_SECRET", SECRET)
                .env("CHAPERONE_SESSIONS_JITSI_DOMAIN", "meet.example.org")
                .env("CHAPERONE_SESSIONS_JITSI_SUBJECT", "meet.example.org")
                .start();
        api = gw.api();
        maildir = new Maildir(gw.dataDir());
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void anUnder18SessionIsInvitedThroughRelayAddressesWithTheManagerCopied() throws Exception {
        SessionFixtures.Pair p = SessionFixtures.pair(api, 15, TODAY);
        String manager = Demo.token(api, "manager");
        Api.Response r = api.post(p.sessions(), manager, body("2026-10-21T16:00"));
        assertEquals(201, r.status(), r.toString());
        String id = r.json().getString("id");
        String uid = "session-" + id + "@relay.chaperone.test";

        for (String address : List.of(p.mentorEmail(), p.menteeEmail(), Demo.email("manager"))) {
            Calendar c = Await.until("invitation for " + address, Duration.ofSeconds(20), () -> {
                List<Calendar> found = SessionFixtures.invitations(maildir, address, id);
                return found.isEmpty() ? null : found.getFirst();
            });
            assertEquals("REQUEST", c.getProperty("METHOD").map(Property::getValue).orElseThrow());
            VEvent e = SessionFixtures.event(c);
            assertEquals(uid, SessionFixtures.prop(e, "UID"));
            assertEquals("0", SessionFixtures.prop(e, "SEQUENCE"));
            assertEquals("20261021T150000Z", SessionFixtures.prop(e, "DTSTART"), "16:00 in London is 15:00 UTC in October");
            assertEquals("20261021T160000Z", SessionFixtures.prop(e, "DTEND"));
            assertEquals("mailto:chaperone@relay.chaperone.test", SessionFixtures.prop(e, "ORGANIZER"));
            Set<String> attendees = e.getProperties("ATTENDEE").stream().map(Property::getValue).collect(Collectors.toSet());
            assertEquals(Set.of("mailto:" + p.mentorRelay(), "mailto:" + p.menteeRelay()), attendees,
                    "attendees are relay addresses only");
            assertTrue(SessionFixtures.prop(e, "LOCATION").startsWith("https://meet.example.org/chaperone-"));
            c.validate();
        }

        byte[] toMentee = maildir.raw(p.menteeEmail()).getFirst();
        String menteeMail = SessionFixtures.text(toMentee);
        assertFalse(menteeMail.toLowerCase().contains(p.mentorEmail()), "the mentor's real address never reaches the mentee");
        assertFalse(menteeMail.toLowerCase().contains(Demo.email("manager")), "nor the manager's");
        String mentorMail = SessionFixtures.text(maildir.raw(p.mentorEmail()).getFirst());
        assertFalse(mentorMail.toLowerCase().contains(p.menteeEmail()), "the mentee's real address never reaches the mentor");
        MimeMessage m = Maildir.parse(toMentee);
        assertTrue(m.getContentType().startsWith("multipart/mixed"));
        assertTrue(menteeMail.contains("text/calendar; method=REQUEST"), "the inline calendar part calendar programs act on");
        assertEquals(List.of("session.ics application/ics"), SessionFixtures.attachments(m));
        assertEquals("auto-generated", m.getHeader("Auto-Submitted", null));
        assertTrue(menteeMail.contains("copied into this invitation"), "participants are told the manager is copied");

        // Moved: same UID, a higher SEQUENCE, the new time.
        assertEquals(200, api.patch(p.sessions() + "/" + id, manager, body("2026-10-22T16:30")).status());
        Calendar moved = Await.until("the update", Duration.ofSeconds(20), () -> {
            List<Calendar> found = SessionFixtures.invitations(maildir, p.menteeEmail(), id);
            return found.size() >= 2 ? found.get(1) : null;
        });
        VEvent me = SessionFixtures.event(moved);
        assertEquals(uid, SessionFixtures.prop(me, "UID"));
        assertEquals("1", SessionFixtures.prop(me, "SEQUENCE"));
        assertEquals("20261022T153000Z", SessionFixtures.prop(me, "DTSTART"));

        // Cancelled: METHOD CANCEL, same UID, SEQUENCE higher again, to everyone who was invited.
        assertEquals(200, api.delete(p.sessions() + "/" + id, manager).status());
        for (String address : List.of(p.mentorEmail(), p.menteeEmail(), Demo.email("manager"))) {
            Calendar cancelled = Await.until("the cancellation for " + address, Duration.ofSeconds(20), () -> {
                List<Calendar> found = SessionFixtures.invitations(maildir, address, id);
                return found.size() >= 3 ? found.get(2) : null;
            });
            assertEquals("CANCEL", cancelled.getProperty("METHOD").map(Property::getValue).orElseThrow());
            VEvent ce = SessionFixtures.event(cancelled);
            assertEquals(uid, SessionFixtures.prop(ce, "UID"));
            assertEquals("2", SessionFixtures.prop(ce, "SEQUENCE"));
            assertEquals("CANCELLED", SessionFixtures.prop(ce, "STATUS"));
        }
    }

    @Test
    void anAdultsSessionIsNotCopiedToTheManager() {
        SessionFixtures.Pair p = SessionFixtures.pair(api, 19, TODAY);
        Api.Response r = api.post(p.sessions(), p.mentorToken(), body("2026-10-21T12:00"));
        assertEquals(201, r.status(), r.toString());
        String id = r.json().getString("id");
        Await.until("the mentee's invitation", Duration.ofSeconds(20),
                () -> SessionFixtures.invitations(maildir, p.menteeEmail(), id).isEmpty() ? null : true);
        Await.condition("the pairing's invitations all sent", Duration.ofSeconds(20), () -> gw.gateway().outbox().all().stream()
                .noneMatch(d -> ("session:" + p.id()).equals(d.getString("conversation"))));
        assertTrue(SessionFixtures.invitations(maildir, Demo.email("manager"), id).isEmpty());
        assertEquals(1, SessionFixtures.invitations(maildir, p.mentorEmail(), id).size());
    }

    @Test
    void eachPersonsJitsiTokenNamesThemTheRoomAndTheTimeAndTurnsRecordingOff() throws Exception {
        SessionFixtures.Pair p = SessionFixtures.pair(api, 19, TODAY);
        Api.Response r = api.post(p.sessions(), p.mentorToken(), body("2026-10-22T11:00"));
        assertEquals(201, r.status(), r.toString());
        String id = r.json().getString("id");

        Api.Response join = api.get(p.sessions() + "/" + id + "/join", p.mentorToken());
        assertEquals(200, join.status(), join.toString());
        URI link = URI.create(join.json().getString("link"));
        assertEquals("meet.example.org", link.getHost());
        String room = link.getPath().substring(1);
        assertTrue(room.matches("chaperone-[a-z2-7]{26,}"), "an unguessable room: " + room);
        String token = URLDecoder.decode(link.getQuery().substring("jwt=".length()), StandardCharsets.UTF_8);

        assertTrue(signedWith(token, SECRET), "signed HS256 with the deployment's app secret");
        assertFalse(signedWith(token, SECRET + "x"), "and with nothing else");
        JsonObject header = part(token, 0);
        assertEquals("HS256", header.getString("alg"));
        JsonObject claims = part(token, 1);
        assertEquals(room, claims.getString("room"));
        assertEquals("chaperone", claims.getString("iss"));
        assertEquals("jitsi", claims.getString("aud"));
        assertEquals("meet.example.org", claims.getString("sub"));
        long start = Instant.parse("2026-10-22T10:00:00Z").getEpochSecond();
        assertEquals(start - 15 * 60, claims.getLong("nbf"), "valid from 15 minutes before the session");
        assertEquals(start + 3600 + 15 * 60, claims.getLong("exp"), "until 15 minutes after it");
        JsonObject user = claims.getJsonObject("context").getJsonObject("user");
        assertEquals(p.mentorName(), user.getString("name"));
        assertEquals(p.mentorId(), user.getString("id"));
        assertEquals(false, user.getBoolean("moderator"), "a mentor is never a moderator");
        JsonObject features = claims.getJsonObject("context").getJsonObject("features");
        for (String f : List.of("recording", "livestreaming", "transcription", "outbound-call")) {
            assertEquals(false, features.getBoolean(f), f + " must be named and false");
        }

        JsonObject managerClaims = claims(api.get(p.sessions() + "/" + id + "/join", Demo.token(api, "manager")));
        assertEquals(true, managerClaims.getJsonObject("context").getJsonObject("user").getBoolean("moderator"),
                "the programme's staff moderate");
        assertEquals(false, managerClaims.getJsonObject("context").getJsonObject("features").getBoolean("recording"),
                "and cannot record either");
        JsonObject menteeClaims = claims(api.get(p.sessions() + "/" + id + "/join", p.menteeToken()));
        assertEquals(p.menteeName(), menteeClaims.getJsonObject("context").getJsonObject("user").getString("name"));
        assertEquals(false, menteeClaims.getJsonObject("context").getJsonObject("user").getBoolean("moderator"));
        assertEquals(room, menteeClaims.getString("room"));

        // The mentee's invitation carries the mentee's own link, not the mentor's.
        Calendar c = Await.until("the mentee's invitation", Duration.ofSeconds(20), () -> {
            List<Calendar> found = SessionFixtures.invitations(maildir, p.menteeEmail(), id);
            return found.isEmpty() ? null : found.getFirst();
        });
        URI invited = URI.create(SessionFixtures.prop(SessionFixtures.event(c), "URL"));
        JsonObject invitedClaims = part(URLDecoder.decode(invited.getQuery().substring(4), StandardCharsets.UTF_8), 1);
        assertEquals(p.menteeId(), invitedClaims.getJsonObject("context").getJsonObject("user").getString("id"));
        assertNotEquals(link.toString(), invited.toString());

        assertEquals(404, api.get(p.sessions() + "/" + id + "/join", Demo.token(api, "mentor.alex")).status(),
                "someone else's session is not even visible");
    }

    private static JsonObject claims(Api.Response join) {
        assertEquals(200, join.status(), join.toString());
        URI link = URI.create(join.json().getString("link"));
        return part(URLDecoder.decode(link.getQuery().substring(4), StandardCharsets.UTF_8), 1);
    }

    private static JsonObject part(String jwt, int i) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[i]), StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 over header.payload, computed here, compared with the token's signature. */
    private static boolean signedWith(String jwt, String secret) throws Exception {
        String[] parts = jwt.split("\\.");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return java.security.MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]));
    }
}
