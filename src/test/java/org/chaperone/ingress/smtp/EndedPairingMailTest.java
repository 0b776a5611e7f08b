package org.chaperone.ingress.smtp;

import io.vertx.core.json.JsonObject;
import org.bson.Document;
import org.chaperone.pipeline.Messages;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.MailClient;
import org.chaperone.testing.TestGateway;
import org.chaperone.testing.Tenants;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mail to a relay address after its pairing ended follows the programme's rule. */
class EndedPairingMailTest {

    @Test
    void mailAfterThePairingEndedIsRefusedOrForAChildRoutedToTheManager() {
        try (TestGateway gw = TestGateway.start()) {
            Api api = gw.api();
            String admin = Demo.token(api, "admin");
            String programme = api.get("/api/v1/programmes", admin).items().getJsonObject(0).getString("id");
            MailClient client = new MailClient(gw.gateway().smtpPort());

            String child = pairing(api, admin, programme, "child", LocalDate.now().minusYears(14));
            String adult = pairing(api, admin, programme, "adult", LocalDate.now().minusYears(25));
            String childRelay = RelayEndToEndTest.relay(api.get("/api/v1/pairings/" + child, admin).json(), "mentee");
            String adultRelay = RelayEndToEndTest.relay(api.get("/api/v1/pairings/" + adult, admin).json(), "mentee");
            assertEquals(200, api.delete("/api/v1/pairings/" + child, admin).status());
            assertEquals(200, api.delete("/api/v1/pairings/" + adult, admin).status());

            // The default rule refuses.
            MailClient.Outcome refused = client.sendRaw("m-child@example.org",
                    RelayEndToEndTest.simple("m-child@example.org", childRelay, "still there?", "<e1@x>", null, "hello"), childRelay);
            assertEquals(550, refused.code(), refused.toString());
            assertTrue(refused.text().contains("ended"), refused.text());

            // With route_to_manager, a child's pairing sends it to the programme manager's queue, never to the mentee.
            assertEquals(200, api.patch("/api/v1/programmes/" + programme, admin, new JsonObject()
                    .put("policy", new JsonObject().put("endedPairingRule", "route_to_manager"))).status());
            assertTrue(client.sendRaw("m-child@example.org",
                    RelayEndToEndTest.simple("m-child@example.org", childRelay, "still there?", "<e2@x>", null, "hello again"), childRelay).accepted());
            Document held = gw.gateway().store().collection(Messages.COLLECTION).find(new Document("originalMessageId", "<e2@x>")).first();
            assertEquals("held", held.getString("state"));
            assertEquals("pairing_ended", held.get("verdict", Document.class).getList("reasons", Document.class).getFirst().getString("code"));
            // An adult's ended pairing is still refused under that rule.
            assertEquals(550, client.sendRaw("m-adult@example.org",
                    RelayEndToEndTest.simple("m-adult@example.org", adultRelay, "hi", "<e3@x>", null, "hello"), adultRelay).code());
        }
    }

    private static String pairing(Api api, String admin, String programme, String name, LocalDate dob) {
        String mentor = Tenants.user(api, admin, "m-" + name + "@example.org", "mentor", null);
        String mentee = Tenants.user(api, admin, "e-" + name + "@example.org", "mentee", null);
        return api.post("/api/v1/pairings", admin, new JsonObject().put("programmeId", programme).put("mentorId", mentor)
                .put("menteeId", mentee).put("menteeDateOfBirth", dob.toString())).json().getString("id");
    }
}
