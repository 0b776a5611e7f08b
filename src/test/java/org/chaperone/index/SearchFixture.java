package org.chaperone.index;

import io.vertx.core.json.JsonObject;
import org.chaperone.pipeline.Action;
import org.chaperone.testing.Api;
import org.chaperone.testing.Await;
import org.chaperone.testing.DemoPeople;
import org.chaperone.testing.HeldMessages;
import org.chaperone.testing.Tenants;
import org.chaperone.testing.TestGateway;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The demo organisation (its manager looks after programme A: Ruby's and Sam's pairings), a second
 * programme B in the same organisation with its own manager and pairing, and another organisation —
 * with short ways to write messages and to search.
 */
final class SearchFixture extends DemoPeople {
    /** Programme B of the demo organisation. */
    final String programmeB, managerB, mentorB, mentorBId, pairingB;
    final Tenants.Tenant other;

    SearchFixture(TestGateway gw) {
        super(gw);
        Api api = api();
        Api.Response p = api.post("/api/v1/programmes", admin, new JsonObject().put("name", "Sixth Form Futures"));
        if (p.status() != 201) throw new AssertionError("programme: " + p);
        programmeB = p.json().getString("id");
        Tenants.user(api, admin, "manager.b@" + org.chaperone.demo.DemoSeed.DOMAIN, "programme_manager", programmeB);
        mentorBId = Tenants.user(api, admin, "mentor.b@" + org.chaperone.demo.DemoSeed.DOMAIN, "mentor", null);
        String menteeB = Tenants.user(api, admin, "mentee.b@" + org.chaperone.demo.DemoSeed.DOMAIN, "mentee", null);
        Api.Response pairing = api.post("/api/v1/pairings", admin, new JsonObject().put("programmeId", programmeB)
                .put("mentorId", mentorBId).put("menteeId", menteeB)
                .put("menteeDateOfBirth", gw.gateway().clock().instant().atZone(java.time.ZoneOffset.UTC).toLocalDate()
                        .minusYears(17).toString()));
        if (pairing.status() != 201) throw new AssertionError("pairing: " + pairing);
        pairingB = pairing.json().getString("id");
        managerB = api.signIn("manager.b@" + org.chaperone.demo.DemoSeed.DOMAIN, Tenants.PASSWORD);
        mentorB = api.signIn("mentor.b@" + org.chaperone.demo.DemoSeed.DOMAIN, Tenants.PASSWORD);
        other = Tenants.create(gw.gateway(), api, "Northern Lights Mentoring");
    }

    /** The gateway's API (its port changes when a test restarts it; tokens stay valid). */
    /** A word no other test uses. */
    static String marker() {
        return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Writes through the web API (stored with verdict deliver until the screeners are merged); returns the id. */
    String send(String token, String pairingId, String subject, String text) {
        Api.Response r = api().post("/api/v1/pairings/" + pairingId + "/messages", token,
                new JsonObject().put("subject", subject).put("text", text));
        if (r.status() != 202) throw new AssertionError("send: " + r);
        return r.json().getString("id");
    }

    /** Sam (19) writes to Jo with a concern found, stored as the pipeline stores it (not announced to the index). */
    String flaggedFromSam(String text, String category, String severity, String phrase, Instant at) {
        return HeldMessages.store(gw.gateway(), samPairing.getString("id"), samId, "Week", text, at,
                HeldMessages.concern(text, category, severity, phrase, Action.DELIVER_FLAGGED, false));
    }

    /** Alex writes a phone number to Ruby: held. */
    String heldFromAlex(String text, String number, Instant at) {
        return HeldMessages.store(gw.gateway(), rubyPairing.getString("id"), alexId, "Plans", text, at,
                HeldMessages.phoneNumber(text, number));
    }

    Api.Response search(String token, String query) {
        return api().get("/api/v1/search?" + query, token);
    }

    static String q(String words) {
        return "q=" + URLEncoder.encode(words, StandardCharsets.UTF_8);
    }

    static List<String> ids(Api.Response r) {
        if (r.status() != 200) throw new AssertionError("search: " + r);
        List<String> out = new ArrayList<>();
        for (Object o : r.items()) out.add(((JsonObject) o).getString("messageId"));
        return out;
    }

    /** Waits until the search finds exactly {@code count} messages (the index is near-real-time). */
    List<String> awaitCount(String token, String query, int count) {
        return Await.until(query + " to find " + count, Duration.ofSeconds(20), () -> {
            List<String> found = ids(search(token, query));
            return found.size() == count ? found : null;
        });
    }
}
