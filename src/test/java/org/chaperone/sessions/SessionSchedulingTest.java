package org.chaperone.sessions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.chaperone.sessions.SessionFixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduling rules over real HTTP: who may arrange sessions (the under-18 rule), every refusal
 * reason, and a weekly series across the end of British Summer Time. "Now" is Monday 12 October 2026,
 * 09:00 UTC (10:00 in London).
 */
class SessionSchedulingTest {
    static final Instant NOW = Instant.parse("2026-10-12T09:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 10, 12);
    static TestGateway gw;
    static Api api;

    @BeforeAll
    static void start() {
        gw = TestGateway.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).start();
        api = gw.api();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void aNewPairingGetsThePlannedSeriesFromTheTemplate() {
        SessionFixtures.Pair p = SessionFixtures.pair(api, 19, TODAY);
        JsonArray items = api.get(p.sessions(), p.mentorToken()).items();
        assertEquals(8, items.size(), "an introduction and seven weekly sessions");
        assertEquals("introduction", items.getJsonObject(0).getString("kind"));
        assertEquals(60, items.getJsonObject(0).getInteger("minutes"));
        for (int i = 1; i < 8; i++) {
            JsonObject s = items.getJsonObject(i);
            assertEquals("weekly", s.getString("kind"));
            assertEquals(i + 1, s.getInteger("number"));
            assertEquals("planned", s.getString("state"));
            assertEquals(null, s.getString("start"), "planned sessions have no time until they are scheduled");
        }
    }

    @Test
    void onlyTheProgrammeArrangesSessionsForAnUnder18Mentee() {
        SessionFixtures.Pair p = SessionFixtures.pair(api, 15, TODAY);
        Api.Response byMentor = api.post(p.sessions(), p.mentorToken(), body("2026-10-14T16:00"));
        assertEquals(403, byMentor.status(), byMentor.toString());
        assertTrue(byMentor.json().getString("message").contains("under 18"), byMentor.toString());
        assertTrue(byMentor.json().getString("message").contains("programme manager"), byMentor.toString());
        assertEquals(403, api.post(p.sessions(), p.menteeToken(), body("2026-10-14T16:00")).status(), "mentees never schedule");

        String manager = Demo.token(api, "manager");
        Api.Response byManager = api.post(p.sessions(), manager, body("2026-10-14T16:00"));
        assertEquals(201, byManager.status(), byManager.toString());
        String sessionId = byManager.json().getString("id");
        assertEquals("scheduled", byManager.json().getString("state"));

        assertEquals(403, api.patch(p.sessions() + "/" + sessionId, p.mentorToken(), body("2026-10-15T16:00")).status(),
                "nor move it");
        assertEquals(403, api.delete(p.sessions() + "/" + sessionId, p.mentorToken()).status(), "nor cancel it");
        assertEquals(200, api.patch(p.sessions() + "/" + sessionId, manager, body("2026-10-15T16:00")).status());
        assertEquals(200, api.delete(p.sessions() + "/" + sessionId + "?reason=school+trip", manager).status());
    }

    @Test
    void anAtRiskAdultIsArrangedByTheProgrammeToo() {
        SessionFixtures.Pair p = SessionFixtures.pair(api, 24, TODAY);
        assertEquals(201, api.post(p.sessions(), p.mentorToken(), body("2026-10-14T12:00")).status(), "an adult's mentor may");
        assertEquals(200, api.patch("/api/v1/pairings/" + p.id(), Demo.token(api, "admin"),
                new JsonObject().put("adultAtRisk", true)).status());
        Api.Response r = api.post(p.sessions(), p.mentorToken(), body("2026-10-21T12:00"));
        assertEquals(403, r.status(), r.toString());
        assertEquals(201, api.post(p.sessions(), Demo.token(api, "manager"), body("2026-10-21T12:00")).status());
    }

    @Test
    void anAdultMenteesMentorSchedulesMovesAndCancels() {
        SessionFixtures.Pair p = SessionFixtures.pair(api, 19, TODAY);
        Api.Response scheduled = api.post(p.sessions(), p.mentorToken(), body("2026-10-14T17:00"));
        assertEquals(201, scheduled.status(), scheduled.toString());
        JsonObject s = scheduled.json();
        assertEquals(1, s.getInteger("number"), "the next planned session: the introduction");
        assertEquals("2026-10-14T16:00:00Z", s.getString("start"), "stored in UTC");
        assertEquals("2026-10-14T17:00", s.getString("localStart"), "shown in the programme's time zone");
        assertEquals("Europe/London", s.getString("timeZone"));
        assertEquals("jitsi", s.getString("provider"));

        Api.Response moved = api.patch(p.sessions() + "/" + s.getString("id"), p.mentorToken(),
                new JsonObject().put("start", "2026-10-15T09:30").put("minutes", 45));
        assertEquals(200, moved.status(), moved.toString());
        assertEquals("2026-10-15T09:30", moved.json().getString("localStart"));
        assertEquals("2026-10-15T10:15", moved.json().getString("localEnd"));

        Api.Response cancelled = api.delete(p.sessions() + "/" + s.getString("id"), p.mentorToken());
        assertEquals(200, cancelled.status(), cancelled.toString());
        assertEquals("cancelled", cancelled.json().getString("state"));
        assertEquals(422, api.patch(p.sessions() + "/" + s.getString("id"), p.mentorToken(), body("2026-10-16T09:30")).status(),
                "a cancelled session stays cancelled");
        JsonArray all = api.get(p.sessions(), p.mentorToken()).items();
        assertEquals("cancelled", all.getJsonObject(0).getString("state"), "the record stays");

        Api.Response next = api.post(p.sessions(), p.mentorToken(), body("2026-10-16T09:30"));
        assertEquals(2, next.json().getInteger("number"), "the next planned session is scheduled next");
    }

    @Test
    void everyRefusalNamesItsReason() {
        SessionFixtures.Pair p = SessionFixtures.pair(api, 19, TODAY);
        String mentor = p.mentorToken();
        refused("in_the_past", api.post(p.sessions(), mentor, body("2026-10-12T08:30")), "past");
        refused("in_the_past", api.post(p.sessions(), mentor, body("2026-10-12T09:00:00Z")), "past");
        refused("outside_permitted_hours", api.post(p.sessions(), mentor, body("2026-10-14T07:30")), "between 08:00 and 20:00");
        refused("outside_permitted_hours", api.post(p.sessions(), mentor, body("2026-10-14T19:30")), "to 20:30");
        refused("outside_permitted_hours", api.post(p.sessions(), mentor, body("2026-10-17T10:00")), "weekends");
        refused("too_long", api.post(p.sessions(), mentor, body("2026-10-14T10:00").put("minutes", 120)), "at most 90 minutes");

        assertEquals(201, api.post(p.sessions(), mentor, body("2026-10-14T10:00")).status());
        refused("overlap", api.post(p.sessions(), mentor, body("2026-10-14T10:30")), "session 1 of this pairing");

        // The same mentor in a second pairing: their other session blocks the time, without saying with whom.
        String admin = Demo.token(api, "admin");
        String otherMentee = org.chaperone.testing.Tenants.user(api, admin, "other-" + System.nanoTime() + "@demo.chaperone.test",
                "mentee", null);
        Api.Response second = api.post("/api/v1/pairings", admin, new JsonObject().put("programmeId", SessionFixtures.programmeId(api))
                .put("mentorId", p.mentorId()).put("menteeId", otherMentee).put("menteeDateOfBirth", "1990-01-01"));
        assertEquals(201, second.status(), second.toString());
        Api.Response clash = api.post("/api/v1/pairings/" + second.json().getString("id") + "/sessions", mentor,
                body("2026-10-14T10:45"));
        refused("overlap", clash, "another session of the mentor");

        // Weekends are the programme's choice.
        String programme = "/api/v1/programmes/" + SessionFixtures.programmeId(api);
        assertEquals(200, api.patch(programme, admin, new JsonObject().put("policy", new JsonObject()
                .put("permittedHours", new JsonObject().put("weekends", true)))).status());
        try {
            assertEquals(201, api.post(p.sessions(), mentor, body("2026-10-17T10:00")).status(), "allowed once weekends are");
        } finally {
            api.patch(programme, admin, new JsonObject().put("policy", new JsonObject()
                    .put("permittedHours", new JsonObject().put("weekends", false))));
        }

        Api.Response badTime = api.post(p.sessions(), mentor, body("next tuesday"));
        assertEquals(400, badTime.status());
        assertTrue(badTime.reasonFor("start").contains("2026-10-27T17:00"), badTime.toString());
        Api.Response gap = api.post(p.sessions(), mentor, body("2027-03-28T01:30"));
        assertEquals(400, gap.status(), "01:30 does not exist in London on the day the clocks go forward");

        assertEquals(200, api.delete("/api/v1/pairings/" + p.id(), admin).status());
        refused("pairing_ended", api.post(p.sessions(), mentor, body("2026-10-20T10:00")), "ended");
        assertTrue(api.get(p.sessions(), mentor).items().stream().allMatch(o -> "cancelled".equals(((JsonObject) o).getString("state"))),
                "ending a pairing cancels what had not happened yet");
    }

    @Test
    void aWeeklySeriesKeepsItsLocalTimeAcrossTheEndOfSummerTime() {
        SessionFixtures.Pair p = SessionFixtures.pair(api, 15, TODAY);
        Api.Response r = api.post(p.sessions() + "/weekly", Demo.token(api, "manager"), body("2026-10-20T17:00"));
        assertEquals(201, r.status(), r.toString());
        JsonArray items = r.items();
        assertEquals(8, items.size());
        // British Summer Time ends on Sunday 25 October 2026.
        assertEquals("2026-10-20T16:00:00Z", items.getJsonObject(0).getString("start"));
        assertEquals("+01:00", items.getJsonObject(0).getString("utcOffset"));
        assertEquals("2026-10-27T17:00:00Z", items.getJsonObject(1).getString("start"));
        assertEquals("Z", items.getJsonObject(1).getString("utcOffset"));
        for (int i = 0; i < 8; i++) {
            JsonObject s = items.getJsonObject(i);
            assertEquals(LocalDate.of(2026, 10, 20).plusWeeks(i) + "T17:00", s.getString("localStart"), s.toString());
        }
        assertEquals("2026-12-08T17:00:00Z", items.getJsonObject(7).getString("start"));

        // The invitations say the same: calendar programs show 17:00 in London both times.
        org.chaperone.testing.Maildir maildir = new org.chaperone.testing.Maildir(gw.dataDir());
        for (int i = 0; i < 2; i++) {
            String id = items.getJsonObject(i).getString("id");
            String expected = i == 0 ? "20261020T160000Z" : "20261027T170000Z";
            net.fortuna.ical4j.model.Calendar c = org.chaperone.testing.Await.until("invitation " + id, java.time.Duration.ofSeconds(20),
                    () -> {
                        var found = SessionFixtures.invitations(maildir, p.menteeEmail(), id);
                        return found.isEmpty() ? null : found.getFirst();
                    });
            assertEquals(expected, SessionFixtures.prop(SessionFixtures.event(c), "DTSTART"));
        }
    }

    @Test
    void aWeeklySeriesIsAllOrNothing() {
        SessionFixtures.Pair p = SessionFixtures.pair(api, 19, TODAY);
        // The fourth week falls on 3 November; put something there first.
        assertEquals(201, api.post(p.sessions(), p.mentorToken(), body("2026-11-03T10:30")).status());
        Api.Response r = api.post(p.sessions() + "/weekly", p.mentorToken(), body("2026-10-13T10:00"));
        refused("overlap", r, "Session 5");
        long scheduled = api.get(p.sessions(), p.mentorToken()).items().stream()
                .filter(o -> "scheduled".equals(((JsonObject) o).getString("state"))).count();
        assertEquals(1, scheduled, "nothing of the refused series was scheduled");
    }

    @Test
    void thereIsNoWayToAskForRecording() {
        SessionFixtures.Pair p = SessionFixtures.pair(api, 19, TODAY);
        Api.Response r = api.post(p.sessions(), p.mentorToken(), body("2026-10-14T12:00").put("recording", true));
        assertEquals(400, r.status());
        assertEquals("is not a known field", r.reasonFor("recording"));
        Api.Response policy = api.patch("/api/v1/programmes/" + SessionFixtures.programmeId(api), Demo.token(api, "admin"),
                new JsonObject().put("policy", new JsonObject().put("sessionTemplate", new JsonObject().put("recording", true))));
        assertEquals(400, policy.status(), policy.toString());
    }

    static void refused(String code, Api.Response r, String messagePart) {
        assertEquals(422, r.status(), r.toString());
        assertEquals(code, r.json().getString("error"), r.toString());
        assertTrue(r.json().getString("message").contains(messagePart), "'" + messagePart + "' in " + r);
    }
}
