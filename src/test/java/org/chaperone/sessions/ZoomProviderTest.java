package org.chaperone.sessions;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import net.fortuna.ical4j.model.Calendar;
import org.chaperone.testing.Api;
import org.chaperone.testing.Await;
import org.chaperone.testing.Demo;
import org.chaperone.testing.Maildir;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.chaperone.sessions.SessionFixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Zoom provider against a local HTTP server standing in for Zoom's OAuth and meeting API: it
 * answers like Zoom and records every request, so the test checks what the gateway asked for.
 */
class ZoomProviderTest {
    static final Instant NOW = Instant.parse("2026-10-12T09:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 10, 12);
    static final List<Recorded> requests = new CopyOnWriteArrayList<>();
    /** Sign-ins, kept for the whole class (the token is cached across tests). */
    static final List<Recorded> signIns = new CopyOnWriteArrayList<>();
    static final AtomicBoolean refuseNextMeeting = new AtomicBoolean();
    static Vertx vertx;
    static HttpServer zoom;
    static TestGateway gw;
    static Api api;

    record Recorded(String method, String path, String query, String authorization, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        zoom = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            Recorded recorded = new Recorded(req.method().name(), req.path(), req.query(), req.getHeader("Authorization"), b.toString());
            (req.path().equals("/oauth/token") ? signIns : requests).add(recorded);
            var res = req.response().putHeader("Content-Type", "application/json");
            if (req.path().equals("/oauth/token")) {
                res.end(new JsonObject().put("access_token", "zoom-access-1").put("token_type", "bearer").put("expires_in", 3600).encode());
            } else if (!"Bearer zoom-access-1".equals(req.getHeader("Authorization"))) {
                res.setStatusCode(401).end(new JsonObject().put("code", 124).put("message", "Invalid access token.").encode());
            } else if (req.method().name().equals("POST") && req.path().equals("/v2/users/me/meetings")) {
                if (refuseNextMeeting.getAndSet(false)) {
                    res.setStatusCode(429).end(new JsonObject().put("code", 429).put("message", "Too many requests").encode());
                } else {
                    res.setStatusCode(201).end(new JsonObject().put("id", 85746065432L)
                            .put("join_url", "https://zoom.example/j/85746065432?pwd=abc").encode());
                }
            } else {
                res.setStatusCode(204).end();
            }
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        String base = "http://127.0.0.1:" + zoom.actualPort();
        gw = TestGateway.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .env("CHAPERONE_SESSIONS_ZOOM_ACCOUNT_ID", "acct-42")
                .env("CHAPERONE_SESSIONS_ZOOM_CLIENT_ID", "client-id")
                .env("CHAPERONE_SESSIONS_ZOOM_CLIENT_SECRET", "client-secret")
                .env("CHAPERONE_SESSIONS_ZOOM_API_BASE", base + "/v2")
                .env("CHAPERONE_SESSIONS_ZOOM_OAUTH_URL", base + "/oauth/token")
                .start();
        api = gw.api();
        Api.Response policy = api.patch("/api/v1/programmes/" + SessionFixtures.programmeId(api), Demo.token(api, "admin"),
                new JsonObject().put("policy", new JsonObject().put("sessionTemplate", new JsonObject().put("meetingProvider", "zoom"))));
        assertEquals(200, policy.status(), policy.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void meetingsAreCreatedMovedAndDeletedWithRecordingOff() {
        requests.clear();
        SessionFixtures.Pair p = SessionFixtures.pair(api, 19, TODAY);
        Api.Response r = api.post(p.sessions(), p.mentorToken(), body("2026-10-14T10:00"));
        assertEquals(201, r.status(), r.toString());
        assertEquals("zoom", r.json().getString("provider"));
        String id = r.json().getString("id");

        assertEquals(1, signIns.size(), "one sign-in, its token reused: " + signIns);
        Recorded token = signIns.getFirst();
        assertEquals("POST", token.method());
        assertEquals("grant_type=account_credentials&account_id=acct-42", token.query());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("client-id:client-secret".getBytes(StandardCharsets.UTF_8)),
                token.authorization(), "server-to-server OAuth with the app's credentials");

        JsonObject hostSettings = only("PATCH", "/v2/users/me/settings").json().getJsonObject("recording");
        assertEquals(false, hostSettings.getBoolean("local_recording"), "the host's local recording is off");
        assertEquals(false, hostSettings.getBoolean("cloud_recording"), "and cloud recording");
        assertEquals("none", hostSettings.getString("auto_recording"));

        Recorded created = only("POST", "/v2/users/me/meetings");
        assertEquals("Bearer zoom-access-1", created.authorization());
        JsonObject meeting = created.json();
        assertEquals(2, meeting.getInteger("type"), "a scheduled meeting");
        assertEquals("2026-10-14T09:00:00Z", meeting.getString("start_time"));
        assertEquals(60, meeting.getInteger("duration"));
        assertEquals("Europe/London", meeting.getString("timezone"));
        assertEquals("none", meeting.getJsonObject("settings").getString("auto_recording"), "no automatic recording");
        assertEquals(false, meeting.getJsonObject("settings").getBoolean("join_before_host"));
        assertTrue(meeting.getString("topic").startsWith("Mentoring session 1"));
        assertFalse(created.body().contains(p.mentorName()) || created.body().contains(p.menteeName()),
                "no participant's name is given to Zoom");

        Calendar invitation = Await.until("the invitation", Duration.ofSeconds(20), () -> {
            List<Calendar> found = SessionFixtures.invitations(new Maildir(gw.dataDir()), p.menteeEmail(), id);
            return found.isEmpty() ? null : found.getFirst();
        });
        assertEquals("https://zoom.example/j/85746065432?pwd=abc", SessionFixtures.prop(SessionFixtures.event(invitation), "LOCATION"));

        requests.clear();
        assertEquals(200, api.patch(p.sessions() + "/" + id, p.mentorToken(), body("2026-10-15T11:00")).status());
        JsonObject moved = only("PATCH", "/v2/meetings/85746065432").json();
        assertEquals("2026-10-15T10:00:00Z", moved.getString("start_time"));
        assertEquals("none", moved.getJsonObject("settings").getString("auto_recording"));

        requests.clear();
        assertEquals(200, api.delete(p.sessions() + "/" + id, p.mentorToken()).status());
        only("DELETE", "/v2/meetings/85746065432");
        assertEquals(1, requests.size(), "only the deletion");
        assertEquals(1, signIns.size(), "the access token is reused until it expires");
    }

    @Test
    void whenZoomRefusesNothingChanges() {
        SessionFixtures.Pair p = SessionFixtures.pair(api, 19, TODAY);
        refuseNextMeeting.set(true);
        Api.Response r = api.post(p.sessions(), p.mentorToken(), body("2026-10-16T10:00"));
        assertEquals(502, r.status(), r.toString());
        assertEquals("meeting_provider_failed", r.json().getString("error"));
        assertTrue(r.json().getString("message").contains("Too many requests"), r.toString());
        assertEquals("planned", api.get(p.sessions(), p.mentorToken()).items().getJsonObject(0).getString("state"));
        assertEquals(201, api.post(p.sessions(), p.mentorToken(), body("2026-10-16T10:00")).status(), "and a retry works");
    }

    private static Recorded only(String method, String path) {
        List<Recorded> found = requests.stream().filter(x -> x.method().equals(method) && x.path().equals(path)).toList();
        assertEquals(1, found.size(), method + " " + path + " in " + requests);
        return found.getFirst();
    }
}
