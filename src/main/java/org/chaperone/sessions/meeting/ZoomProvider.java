package org.chaperone.sessions.meeting;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.chaperone.config.GatewayConfig;
import org.chaperone.sessions.Session;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Zoom through its REST API with a server-to-server OAuth app. Zoom lets a meeting set only its
 * automatic recording, so every meeting is created with {@code auto_recording: "none"}, and before
 * each one the hosting user's own recording settings are set off (local and cloud recording, no
 * automatic recording). Stopping a host from switching them back on needs the account's lock
 * settings, which only the account's operator can set (docs/SESSIONS.md).
 */
public final class ZoomProvider implements MeetingProvider {
    public static final String NAME = "zoom";
    private static final DateTimeFormatter ZOOM_TIME = DateTimeFormatter.ISO_INSTANT;

    private final GatewayConfig.Zoom config;
    private final Clock clock;
    private final HttpClient http;
    private String accessToken;
    private Instant tokenExpires = Instant.EPOCH;

    public ZoomProvider(GatewayConfig.Zoom config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(config.timeoutSeconds())).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The settings every meeting is created and updated with. */
    static JsonObject meetingSettings() {
        return new JsonObject()
                .put("auto_recording", "none")
                .put("join_before_host", false)
                .put("waiting_room", true)
                .put("approval_type", 2)
                .put("mute_upon_entry", false);
    }

    /** The hosting user's recording settings: all off. */
    static JsonObject hostRecordingOff() {
        return new JsonObject().put("recording", new JsonObject()
                .put("local_recording", false)
                .put("cloud_recording", false)
                .put("auto_recording", "none"));
    }

    @Override
    public Session.Meeting create(Plan plan) throws MeetingException {
        String user = URLEncoder.encode(config.userId(), StandardCharsets.UTF_8);
        send("PATCH", "/users/" + user + "/settings", hostRecordingOff(), 204, "turn the host's recording off");
        JsonObject body = new JsonObject()
                .put("topic", plan.title())
                .put("type", 2) // a scheduled meeting
                .put("start_time", ZOOM_TIME.format(plan.start().truncatedTo(ChronoUnit.SECONDS)))
                .put("duration", Duration.between(plan.start(), plan.end()).toMinutes())
                .put("timezone", plan.timeZone())
                .put("settings", meetingSettings());
        JsonObject created = send("POST", "/users/" + user + "/meetings", body, 201, "create the meeting");
        Object id = created.getValue("id");
        String joinUrl = created.getString("join_url");
        if (id == null || joinUrl == null || !joinUrl.startsWith("https://")) {
            throw new MeetingException("Zoom answered without a meeting id or an https join link");
        }
        return new Session.Meeting(NAME, null, String.valueOf(id), joinUrl);
    }

    @Override
    public Session.Meeting update(Session.Meeting current, Plan plan) throws MeetingException {
        JsonObject body = new JsonObject()
                .put("start_time", ZOOM_TIME.format(plan.start().truncatedTo(ChronoUnit.SECONDS)))
                .put("duration", Duration.between(plan.start(), plan.end()).toMinutes())
                .put("timezone", plan.timeZone())
                .put("settings", meetingSettings());
        send("PATCH", "/meetings/" + URLEncoder.encode(current.externalId(), StandardCharsets.UTF_8), body, 204,
                "move the meeting");
        return current;
    }

    @Override
    public void cancel(Session.Meeting meeting) throws MeetingException {
        send("DELETE", "/meetings/" + URLEncoder.encode(meeting.externalId(), StandardCharsets.UTF_8)
                + "?schedule_for_reminder=false", null, 204, "delete the meeting");
    }

    @Override
    public String joinLink(Session.Meeting meeting, Plan plan, Attendee attendee) {
        // Everyone joins by the meeting's link; the host is the programme's Zoom user, never a participant.
        return meeting.joinUrl();
    }

    private JsonObject send(String method, String path, JsonObject body, int expected, String what) throws MeetingException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(config.apiBase() + path))
                .timeout(Duration.ofSeconds(config.timeoutSeconds()))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = exchange(b.build(), what);
        if (r.statusCode() == 404 && method.equals("DELETE")) return new JsonObject(); // already gone
        if (r.statusCode() != expected && !(r.statusCode() / 100 == 2 && expected / 100 == 2)) {
            throw new MeetingException("Zoom could not " + what + ": HTTP " + r.statusCode() + " " + zoomMessage(r.body()));
        }
        return r.body() == null || r.body().isBlank() ? new JsonObject() : json(r.body(), what);
    }

    private synchronized String token() throws MeetingException {
        Instant now = clock.instant();
        if (accessToken != null && now.isBefore(tokenExpires)) return accessToken;
        String basic = Base64.getEncoder().encodeToString((config.clientId() + ":" + config.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.oauthUrl() + "?grant_type=account_credentials&account_id="
                        + URLEncoder.encode(config.accountId(), StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(config.timeoutSeconds()))
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> r = exchange(request, "sign in");
        if (r.statusCode() != 200) throw new MeetingException("Zoom refused the gateway's sign-in: HTTP " + r.statusCode()
                + " " + zoomMessage(r.body()));
        JsonObject t = json(r.body(), "sign in");
        String token = t.getString("access_token");
        if (token == null) throw new MeetingException("Zoom's sign-in answer has no access token");
        accessToken = token;
        // Renew a minute early so a token never expires in the middle of a change.
        tokenExpires = now.plusSeconds(Math.max(0, t.getLong("expires_in", 3600L) - 60));
        return accessToken;
    }

    private HttpResponse<String> exchange(HttpRequest request, String what) throws MeetingException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MeetingException("Zoom could not be reached to " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeetingException("interrupted while asking Zoom to " + what, e);
        }
    }

    private static JsonObject json(String body, String what) throws MeetingException {
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new MeetingException("Zoom's answer to " + what + " is not JSON");
        }
    }

    private static String zoomMessage(String body) {
        try {
            String m = new JsonObject(body).getString("message");
            return m == null ? "" : m;
        } catch (RuntimeException e) {
            return body == null ? "" : body.substring(0, Math.min(200, body.length()));
        }
    }
}
