package org.chaperone.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Adult pairings in the demo organisation, made through the API, for load and fault tests: each is one
 * conversation with a mentor who writes to the mentee's relay address. Quiet hours are switched off for
 * the demo programme so a run at night delivers at once.
 */
public final class Conversations {
    /**
     * Switches quiet hours off for the demo programme, for a test of a gateway on the real clock that is not about
     * them: at night the demo mentee's mail would otherwise wait for the morning. Returns the programme's id.
     */
    public static String quietHoursOff(Api api) {
        String admin = Demo.token(api, "admin");
        String programme = api.get("/api/v1/programmes", admin).items().getJsonObject(0).getString("id");
        Api.Response patched = api.patch("/api/v1/programmes/" + programme, admin, new JsonObject().put("policy",
                new JsonObject().put("quietHours", new JsonObject().put("start", "00:00").put("end", "00:00"))));
        if (patched.status() != 200) throw new AssertionError("could not switch quiet hours off: " + patched);
        return programme;
    }

    /** One mentor writing to one mentee through the relay. */
    public record Conversation(String name, String mentorEmail, String menteeEmail, String menteeRelay) {}

    private Conversations() {}

    public static List<Conversation> create(Api api, String prefix, int count) {
        String admin = Demo.token(api, "admin");
        String programme = quietHoursOff(api);
        List<Conversation> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String mentor = prefix + "-mentor" + i + "@load.example";
            String mentee = prefix + "-mentee" + i + "@load.example";
            String mentorId = Tenants.user(api, admin, mentor, "mentor", null);
            String menteeId = Tenants.user(api, admin, mentee, "mentee", null);
            Api.Response pairing = api.post("/api/v1/pairings", admin, new JsonObject().put("programmeId", programme)
                    .put("mentorId", mentorId).put("menteeId", menteeId)
                    .put("menteeDateOfBirth", LocalDate.now().minusYears(30).toString()));
            if (pairing.status() != 201) throw new AssertionError("could not create a pairing: " + pairing);
            JsonObject full = api.get("/api/v1/pairings/" + pairing.json().getString("id"), admin).json();
            out.add(new Conversation(prefix + i, mentor, mentee, relay(full, "mentee")));
        }
        return out;
    }

    public static String relay(JsonObject pairing, String role) {
        JsonArray all = pairing.getJsonArray("relayAddresses");
        for (int i = 0; i < all.size(); i++) {
            if (role.equals(all.getJsonObject(i).getString("role"))) return all.getJsonObject(i).getString("address");
        }
        throw new AssertionError("the pairing has no " + role + " relay address: " + pairing);
    }
}
