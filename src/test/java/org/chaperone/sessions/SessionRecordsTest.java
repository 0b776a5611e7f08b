package org.chaperone.sessions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.Maildir;
import org.chaperone.testing.MutableClock;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.chaperone.sessions.SessionFixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After the sessions: the mentor records whether each took place, attendance adds up, missing
 * records are listed for the manager after a few days, the mid-point and end-point surveys go out at
 * the template's session numbers, and each session's log keeps what happened. The clock is moved on.
 */
class SessionRecordsTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-12T09:00:00Z"));
    static TestGateway gw;
    static Api api;

    @BeforeAll
    static void start() {
        gw = TestGateway.builder().clock(clock).start();
        api = gw.api();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void aSeriesFromScheduleToRecordsSurveysAndLog() {
        SessionFixtures.Pair p = SessionFixtures.pair(api, 19, LocalDate.of(2026, 10, 12));
        String mentor = p.mentorToken();
        String manager = Demo.token(api, "manager");
        JsonArray series = api.post(p.sessions() + "/weekly", mentor, body("2026-10-13T10:00")).items();
        assertEquals(8, series.size());
        List<String> ids = series.stream().map(o -> ((JsonObject) o).getString("id")).toList();

        SessionSchedulingTest.refused("not_yet_held", outcome(p, ids.get(0), mentor, true, null), "not started");

        clock.set(Instant.parse("2026-11-04T12:00:00Z")); // after sessions 1–4 (13, 20, 27 October, 3 November)
        assertEquals(200, outcome(p, ids.get(0), mentor, true, null).status());
        Api.Response noReason = outcome(p, ids.get(1), mentor, false, null);
        assertEquals(400, noReason.status());
        assertTrue(noReason.reasonFor("reason").contains("required"), noReason.toString());
        assertEquals(200, outcome(p, ids.get(1), mentor, false, "mentee was ill").status());
        assertEquals(403, outcome(p, ids.get(2), p.menteeToken(), true, null).status(), "the mentee does not keep the record");
        assertEquals(200, outcome(p, ids.get(2), mentor, true, null).status());
        assertEquals(409, outcome(p, ids.get(2), mentor, false, "changed my mind").status(), "a mentor records once");

        Maildir maildir = new Maildir(gw.dataDir());
        assertTrue(surveyMail(maildir, p.menteeEmail()).isEmpty(), "no survey before the mid-point");
        assertEquals(200, outcome(p, ids.get(3), mentor, true, null).status());
        String mid = surveyMail(maildir, p.menteeEmail(), 1).getFirst();
        assertTrue(mid.contains("Mid-point feedback"), mid);
        assertTrue(mid.contains("How useful have the sessions been"), mid);
        assertFalse(mid.toLowerCase().contains(p.mentorEmail()), "from the programme, not the mentor");
        surveyMail(maildir, p.mentorEmail(), 1);

        JsonObject attendance = api.get("/api/v1/pairings/" + p.id() + "/attendance", manager).json();
        assertEquals(8, attendance.getInteger("scheduled"));
        assertEquals(3, attendance.getInteger("tookPlace"));
        assertEquals(1, attendance.getInteger("didNotTakePlace"));
        assertEquals(0, attendance.getInteger("awaitingRecord"));
        assertEquals("mentee was ill", attendance.getJsonArray("items").getJsonObject(1).getString("reason"));
        JsonObject menteeView = api.get("/api/v1/pairings/" + p.id() + "/attendance", p.menteeToken()).json();
        assertEquals(null, menteeView.getJsonArray("items").getJsonObject(1).getString("reason"), "the mentor's reason is not the mentee's to read");
        JsonObject programme = api.get("/api/v1/programmes/" + SessionFixtures.programmeId(api) + "/attendance", manager).json();
        assertTrue(programme.getJsonArray("items").stream().anyMatch(o -> ((JsonObject) o).getString("pairingId").equals(p.id())
                && ((JsonObject) o).getInteger("tookPlace") == 3), programme.encode());

        // Surveys: each participant answers once; the manager reads both; neither reads the other's.
        JsonArray menteeSurveys = api.get("/api/v1/pairings/" + p.id() + "/surveys", p.menteeToken()).json().getJsonArray("items");
        assertEquals(1, menteeSurveys.size());
        String surveyId = menteeSurveys.getJsonObject(0).getString("id");
        assertEquals(3, menteeSurveys.getJsonObject(0).getJsonArray("questions").size());
        String answers = "/api/v1/pairings/" + p.id() + "/surveys/" + surveyId + "/answers";
        Api.Response bad = api.post(answers, p.menteeToken(), new JsonObject().put("useful", 9).put("comfortable", true));
        assertEquals(400, bad.status());
        assertEquals("must be between 1 and 5", bad.reasonFor("useful"));
        assertEquals(201, api.post(answers, p.menteeToken(), new JsonObject().put("useful", 4).put("comfortable", true)
                .put("comments", "I like the careers sessions")).status());
        assertEquals(409, api.post(answers, p.menteeToken(), new JsonObject().put("useful", 1).put("comfortable", false)).status());
        assertEquals(201, api.post(answers, mentor, new JsonObject().put("useful", 5).put("comfortable", true)).status());
        assertEquals(403, api.post(answers, manager, new JsonObject().put("useful", 5).put("comfortable", true)).status());
        JsonArray staffView = api.get("/api/v1/pairings/" + p.id() + "/surveys", manager).json().getJsonArray("items")
                .getJsonObject(0).getJsonArray("answers");
        assertEquals(2, staffView.size());
        assertTrue(staffView.encode().contains("I like the careers sessions"));
        String mentorView = api.get("/api/v1/pairings/" + p.id() + "/surveys", mentor).body();
        assertFalse(mentorView.contains("I like the careers sessions"), "the mentor never sees the mentee's answers");

        // Missing records: session 5 (10 November) unrecorded for two days is not listed yet; after three, it is.
        clock.set(Instant.parse("2026-11-12T12:00:00Z"));
        assertFalse(missing(manager).contains(ids.get(4)));
        clock.set(Instant.parse("2026-11-14T12:00:00Z"));
        String listed = missing(manager);
        assertTrue(listed.contains(ids.get(4)), listed);
        assertFalse(listed.contains(ids.get(3)), "recorded sessions are not missing");
        assertEquals(403, api.get("/api/v1/sessions/missing-records", mentor).status());
        assertEquals(1, api.get("/api/v1/pairings/" + p.id() + "/attendance", manager).json().getInteger("awaitingRecord"));

        // The end of the series brings the end-point survey.
        clock.set(Instant.parse("2026-12-02T12:00:00Z"));
        for (int i = 4; i < 8; i++) assertEquals(200, outcome(p, ids.get(i), mentor, true, null).status());
        String end = surveyMail(maildir, p.menteeEmail(), 2).get(1);
        assertTrue(end.contains("End-of-series feedback"), end);
        assertEquals(2, api.get("/api/v1/pairings/" + p.id() + "/surveys", manager).json().getInteger("count"));

        // A manager corrects a record; the log keeps both, with times, participants and provider.
        assertEquals(200, outcome(p, ids.get(2), manager, false, "recorded in error: no-show").status());
        Api.Response log = api.get(p.sessions() + "/" + ids.get(2) + "/log", manager);
        assertEquals(200, log.status(), log.toString());
        List<String> actions = log.items().stream().map(o -> ((JsonObject) o).getString("action")).toList();
        assertEquals(List.of("planned", "scheduled", "invitation_sent", "outcome_recorded", "outcome_corrected"), actions);
        JsonObject scheduled = log.items().getJsonObject(1);
        assertEquals("2026-10-27T10:00:00Z", scheduled.getString("start"));
        assertEquals("jitsi", scheduled.getString("provider"));
        assertEquals(List.of(p.mentorId(), p.menteeId()), scheduled.getJsonArray("participants").getList());
        assertEquals("did_not_take_place", log.items().getJsonObject(4).getString("outcome"));
        assertEquals(403, api.get(p.sessions() + "/" + ids.get(2) + "/log", mentor).status());
    }

    private static Api.Response outcome(SessionFixtures.Pair p, String sessionId, String token, boolean tookPlace, String reason) {
        JsonObject b = new JsonObject().put("tookPlace", tookPlace);
        if (reason != null) b.put("reason", reason);
        return api.post(p.sessions() + "/" + sessionId + "/outcome", token, b);
    }

    private static String missing(String token) {
        Api.Response r = api.get("/api/v1/sessions/missing-records", token);
        assertEquals(200, r.status(), r.toString());
        return r.body();
    }

    private static List<String> surveyMail(Maildir maildir, String address) {
        return maildir.raw(address).stream().map(SessionFixtures::text).filter(t -> t.contains("feedback")).toList();
    }

    private static List<String> surveyMail(Maildir maildir, String address, int count) {
        return org.chaperone.testing.Await.until(count + " survey mail(s) for " + address, java.time.Duration.ofSeconds(20), () -> {
            List<String> found = surveyMail(maildir, address);
            return found.size() >= count ? found : null;
        });
    }
}
