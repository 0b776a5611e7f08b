package org.chaperone.sessions.meeting;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.chaperone.config.GatewayConfig;
import org.chaperone.sessions.Session;
import org.chaperone.store.Ids;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Jitsi Meet with JWT authentication. Each session gets an unguessable room; each person joins with
 * a token the gateway signs (HS256, the deployment's app secret) for that room only, valid from a
 * little before the session until a little after it, carrying their display name and the features
 * recording, livestreaming, transcription and outbound calls set to false. (A feature missing from
 * the token counts as allowed for moderators, so every one is named.) Only the programme's staff are
 * moderators. In-browser recording is a deployment setting, checked by {@link JitsiDeploymentCheck}.
 */
public final class JitsiProvider implements MeetingProvider {
    public static final String NAME = "jitsi";
    /** Every feature a token can grant that could record, broadcast, transcribe or bring in an outside line. */
    public static final List<String> FEATURES_OFF = List.of("recording", "livestreaming", "transcription",
            "outbound-call", "sip-inbound-call", "sip-outbound-call", "file-upload");

    private final GatewayConfig.Jitsi config;
    private final JWTAuth jwt;
    private final Clock clock;

    public JitsiProvider(Vertx vertx, GatewayConfig.Jitsi config, String appSecret, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(appSecret)));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Session.Meeting create(Plan plan) {
        // Lower-case base-32, 130 random bits: a room nobody can guess or stumble into.
        String room = "chaperone-" + Ids.token(130);
        return new Session.Meeting(NAME, room, null, "https://" + config.domain() + "/" + room);
    }

    @Override
    public Session.Meeting update(Session.Meeting current, Plan plan) {
        return current; // the room stays; tokens are signed for the new time when links are issued
    }

    @Override
    public void cancel(Session.Meeting meeting) {
        // Nothing is kept at Jitsi; tokens for a cancelled session are never issued again.
    }

    @Override
    public String joinLink(Session.Meeting meeting, Plan plan, Attendee attendee) {
        return meeting.joinUrl() + "?jwt=" + URLEncoder.encode(token(meeting.room(), plan, attendee), StandardCharsets.UTF_8);
    }

    /** The signed token for one person in one session's room. */
    public String token(String room, Plan plan, Attendee attendee) {
        Duration lead = Duration.ofMinutes(config.tokenLeadMinutes());
        JsonObject features = new JsonObject();
        for (String f : FEATURES_OFF) features.put(f, false);
        JsonObject claims = new JsonObject()
                .put("aud", config.audience())
                .put("iss", config.appId())
                .put("sub", config.subject())
                .put("room", room)
                .put("iat", clock.instant().getEpochSecond())
                .put("nbf", plan.start().minus(lead).getEpochSecond())
                .put("exp", plan.end().plus(lead).getEpochSecond())
                .put("moderator", attendee.moderator())
                .put("context", new JsonObject()
                        .put("user", new JsonObject()
                                .put("id", attendee.id())
                                .put("name", attendee.displayName())
                                .put("moderator", attendee.moderator())
                                .put("affiliation", attendee.moderator() ? "owner" : "member"))
                        .put("features", features));
        return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true));
    }
}
