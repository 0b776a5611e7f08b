package org.chaperone.review;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.chaperone.pipeline.Action;
import org.chaperone.testing.Api;
import org.chaperone.testing.DemoPeople;
import org.chaperone.testing.HeldMessages;
import org.chaperone.testing.TestGateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The demo organisation's people and pairings, signed in, and short ways to store review items. */
final class ReviewFixture extends DemoPeople {
    ReviewFixture(TestGateway gw) {
        super(gw);
    }

    static String marker() {
        return "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Alex writes a phone number to Ruby (15): held. */
    String heldFromAlex(String marker, Duration ago) {
        String text = "Hi Ruby " + marker + ", call me on 07700 900123 tonight";
        return HeldMessages.store(gw.gateway(), rubyPairing.getString("id"), alexId, "Plans " + marker, text, ago(ago),
                HeldMessages.phoneNumber(text, "07700 900123"));
    }

    /** Sam (19) writes to Jo about a concern the programme delivers and flags. */
    String flaggedFromSam(String marker, String category, String severity, String phrase, Duration ago) {
        String text = "Jo, " + marker + " " + phrase + " and I did not know who else to tell";
        return HeldMessages.store(gw.gateway(), samPairing.getString("id"), samId, "Week " + marker, text, ago(ago),
                HeldMessages.concern(text, category, severity, phrase, Action.DELIVER_FLAGGED, false));
    }

    Api.Response decide(String token, String messageId, String decision, String note) {
        JsonObject body = new JsonObject().put("decision", decision);
        if (note != null) body.put("note", note);
        return api().post("/api/v1/review/items/" + messageId + "/decisions", token, body);
    }

    List<String> queueIds(String token, String query) {
        Api.Response r = api().get("/api/v1/review/queue" + (query == null ? "" : "?" + query), token);
        if (r.status() != 200) throw new AssertionError("queue: " + r);
        List<String> ids = new ArrayList<>();
        for (Object o : r.items()) ids.add(((JsonObject) o).getString("id"));
        return ids;
    }

    JsonArray incidents(String token, String query) {
        Api.Response r = api().get("/api/v1/incidents" + (query == null ? "" : "?" + query), token);
        if (r.status() != 200) throw new AssertionError("incidents: " + r);
        return r.items();
    }

    static List<JsonObject> objects(JsonArray array) {
        List<JsonObject> out = new ArrayList<>();
        for (Object o : array) out.add((JsonObject) o);
        return out;
    }
}
