package org.chaperone.numbers;

import com.mongodb.client.model.Filters;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bson.Document;
import org.chaperone.pipeline.Messages;
import org.chaperone.testing.Api;
import org.chaperone.testing.Tenants;
import org.chaperone.testing.TestGateway;
import org.chaperone.testing.Texts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A programme's small pool of relay numbers serves many pairings: a number is shared by pairings with
 * different people, never by two pairings of the same person, so (relay number, sender) names one pairing.
 */
class RelayNumbersTest {
    static final String R1 = "+447700900301";
    static final String R2 = "+447700900302";
    static TestGateway gw;
    static Api api;
    static Texts texts;
    static Tenants.Tenant t;

    @BeforeAll
    static void start() {
        gw = Texts.configure(TestGateway.builder()).start();
        api = gw.api();
        texts = new Texts(gw);
        t = Tenants.create(gw.gateway(), api, "Northfield Trust");
        Api.Response policy = api.patch("/api/v1/programmes/" + t.programmeId(), t.adminToken(),
                new JsonObject().put("policy", new JsonObject().put("relayNumbers", new JsonArray().add(R1).add(R2))));
        assertEquals(200, policy.status(), policy.toString());
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static String mentee(String name) {
        return Tenants.user(api, t.adminToken(), name + "@northfield.example", "mentee", null);
    }

    static JsonObject pair(String mentorId, String menteeId) {
        Api.Response r = api.post("/api/v1/pairings", t.adminToken(), new JsonObject().put("programmeId", t.programmeId())
                .put("mentorId", mentorId).put("menteeId", menteeId).put("menteeDateOfBirth", "2000-01-01"));
        assertEquals(201, r.status(), r.toString());
        return r.json();
    }

    @Test
    void aSmallPoolIsSharedWithoutEverGivingOnePersonTwoPairingsOnOneNumber() {
        String mentor = Tenants.user(api, t.adminToken(), "mentor.kim@northfield.example", "mentor", null);
        String other = Tenants.user(api, t.adminToken(), "mentor.lee@northfield.example", "mentor", null);
        String a = mentee("amy"), b = mentee("ben"), c = mentee("cal");
        JsonObject pa = pair(mentor, a);
        JsonObject pb = pair(mentor, b);
        JsonObject pc = pair(mentor, c);
        assertEquals(R1, pa.getString("relayNumber"));
        assertEquals(R2, pb.getString("relayNumber"), "Kim already texts on " + R1);
        assertNull(pc.getString("relayNumber"), "both numbers already serve Kim: no number rather than an ambiguous one");
        assertEquals(R2, pair(other, a).getString("relayNumber"), "Amy already texts on " + R1);

        // Once a pairing ends its number is free again for the same person.
        assertEquals(200, api.delete("/api/v1/pairings/" + pa.getString("id"), t.adminToken()).status());
        Api.Response resaved = api.patch("/api/v1/pairings/" + pc.getString("id"), t.adminToken(), new JsonObject().put("adultAtRisk", false));
        assertEquals(R1, resaved.json().getString("relayNumber"), resaved.toString());
    }

    @Test
    void aMentorWithTwoPairingsReachesEachThroughItsOwnNumber() {
        String mentor = Tenants.user(api, t.adminToken(), "mentor.max@northfield.example", "mentor", null);
        JsonObject school = api.post("/api/v1/schools", t.adminToken(), new JsonObject().put("name", "Northfield High")).json();
        assertEquals(200, api.patch("/api/v1/users/" + mentor, t.adminToken(), new JsonObject().put("schoolId", school.getString("id"))).status());
        assertEquals(201, api.post("/api/v1/schools/" + school.getString("id") + "/approved-numbers", t.adminToken(),
                new JsonObject().put("number", "+447700900541").put("mentorId", mentor)).status());
        JsonObject first = pair(mentor, mentee("dee"));
        JsonObject second = pair(mentor, mentee("eli"));

        assertEquals(202, texts.json("+447700900541", first.getString("relayNumber"), "for Dee").status());
        assertEquals(202, texts.json("+447700900541", second.getString("relayNumber"), "for Eli").status());
        assertEquals(first.getString("id"), stored("for Dee").getString("pairingId"));
        assertEquals(second.getString("id"), stored("for Eli").getString("pairingId"));
    }

    @Test
    void aProgrammesRelayNumbersMustBeE164() {
        Api.Response r = api.patch("/api/v1/programmes/" + t.programmeId(), t.adminToken(),
                new JsonObject().put("policy", new JsonObject().put("relayNumbers", new JsonArray().add("07700 900301"))));
        assertEquals(400, r.status());
        assertEquals("must be a phone number written in E.164 form, such as +447700900100", r.reasonFor("policy.relayNumbers[0]"));
        Api.Response flag = api.patch("/api/v1/programmes/" + t.programmeId(), t.adminToken(),
                new JsonObject().put("policy", new JsonObject().put("quietHours", new JsonObject().put("flagAfter", 0))));
        assertEquals("must be between 1 and 100", flag.reasonFor("policy.quietHours.flagAfter"));
    }

    static Document stored(String text) {
        Document d = gw.gateway().store().collection(Messages.COLLECTION).find(Filters.eq("text", text)).first();
        assertNotNull(d, text);
        return d;
    }
}
