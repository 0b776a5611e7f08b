package org.chaperone.ingress.sms;

import com.mongodb.client.model.Filters;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bson.Document;
import org.chaperone.pipeline.Messages;
import org.chaperone.review.Incidents;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.TestGateway;
import org.chaperone.testing.Texts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline's rules apply to texts as to email: after a pairing ends, a text to an under-18 mentee is held
 * for the programme manager (programme rule route_to_manager) and the texter is told by text; a text in an
 * ended adult pairing is refused.
 */
class TextRulesTest {
    static final String ALEX_PHONE = "+447700900531";
    static final String JO_PHONE = "+447700900532";
    static final String RUBY_PHONE = "+447700900631";
    static TestGateway gw;
    static Api api;
    static Texts texts;
    static String admin, rubyPairing, samPairing, relayNumber;

    @BeforeAll
    static void start() {
        gw = Texts.configure(TestGateway.builder()).start();
        api = gw.api();
        texts = new Texts(gw);
        admin = Demo.token(api, "admin");
        String school = Demo.token(api, "school");
        String schoolId = api.get("/api/v1/schools", school).items().getJsonObject(0).getString("id");
        for (Object o : api.get("/api/v1/users", admin).items()) {
            JsonObject u = (JsonObject) o;
            String email = u.getString("email");
            String number = email.equals(Demo.email("mentor.alex")) ? ALEX_PHONE : email.equals(Demo.email("mentor.jo")) ? JO_PHONE : null;
            if (number != null) {
                assertEquals(201, api.post("/api/v1/schools/" + schoolId + "/approved-numbers", school,
                        new JsonObject().put("number", number).put("mentorId", u.getString("id"))).status());
            }
            if (email.equals(Demo.email("mentee.ruby"))) {
                assertEquals(200, api.patch("/api/v1/users/" + u.getString("id"), admin,
                        new JsonObject().put("phones", new JsonArray().add(RUBY_PHONE))).status());
            }
        }
        JsonObject ruby = Demo.pairingOf(api, Demo.token(api, "mentor.alex"));
        rubyPairing = ruby.getString("id");
        relayNumber = ruby.getString("relayNumber");
        samPairing = Demo.pairingOf(api, Demo.token(api, "mentor.jo")).getString("id");
        assertEquals(200, api.patch("/api/v1/programmes/" + ruby.getString("programmeId"), admin,
                new JsonObject().put("policy", new JsonObject().put("endedPairingRule", "route_to_manager"))).status());
        assertEquals(200, api.delete("/api/v1/pairings/" + rubyPairing, admin).status());
        assertEquals(200, api.delete("/api/v1/pairings/" + samPairing, admin).status());
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void aTextAfterAnUnder18PairingEndedIsHeldForTheManagerAndTheTexterIsToldByText() {
        Texts.Reply r = texts.twilio(ALEX_PHONE, relayNumber, "Are we still meeting next week?");
        assertEquals(200, r.status(), r.body());
        Document stored = gw.gateway().store().collection(Messages.COLLECTION)
                .find(Filters.eq("text", "Are we still meeting next week?")).first();
        assertNotNull(stored);
        assertEquals("held", stored.getString("state"));
        assertEquals("sms", stored.getString("channel"));
        JsonObject notice = texts.await("the held notice", t -> t.getString("to").equals(ALEX_PHONE));
        assertEquals("Chaperone: Your message to Ruby (15) is waiting for review.", notice.getString("body"));
        assertEquals(relayNumber, notice.getString("from"));
        assertTrue(texts.sentWhere(t -> t.getString("to").equals(RUBY_PHONE)).isEmpty(), "nothing reaches Ruby");
        assertEquals(1, gw.gateway().store().collection(Incidents.COLLECTION).countDocuments(Filters.and(
                Filters.eq("type", "contact_after_end"), Filters.eq("pairingId", rubyPairing))));
    }

    @Test
    void aTextInAnEndedAdultPairingIsRefused() {
        Texts.Reply r = texts.json(JO_PHONE, relayNumber, "Hi Sam, one more thing");
        assertEquals(410, r.status(), r.body());
        assertEquals("pairing_ended", r.json().getString("error"));
        assertEquals(0, gw.gateway().store().collection(Messages.COLLECTION).countDocuments(Filters.eq("text", "Hi Sam, one more thing")));
    }
}
