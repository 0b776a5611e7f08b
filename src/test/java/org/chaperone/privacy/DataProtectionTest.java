package org.chaperone.privacy;

import io.vertx.core.json.JsonObject;
import org.bson.Document;
import org.chaperone.pipeline.Messages;
import org.chaperone.review.Incidents;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.MutableClock;
import org.chaperone.testing.TestGateway;
import org.chaperone.testing.Tenants;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataProtectionTest {

    @Test
    void contentPastRetentionIsRemovedButEvidenceForTheRecordIsKept() {
        MutableClock clock = MutableClock.daytime();
        try (TestGateway gw = TestGateway.builder().clock(clock).start()) {
            Api api = gw.api();
            String alex = Demo.token(api, "mentor.alex");
            String pairing = Demo.pairingOf(api, alex).getString("id");
            String reported = api.post("/api/v1/pairings/" + pairing + "/messages", alex,
                    new JsonObject().put("text", "a message Ruby will report")).json().getString("id");
            String ordinary = api.post("/api/v1/pairings/" + pairing + "/messages", alex,
                    new JsonObject().put("text", "an ordinary message about revision")).json().getString("id");
            Api.Response report = api.post("/api/v1/pairings/" + pairing + "/messages/" + reported + "/report",
                    Demo.token(api, "mentee.ruby"), new JsonObject().put("reason", "this made me uncomfortable"));
            assertTrue(report.status() == 201 || report.status() == 200, report.toString());
            long incidentsBefore = gw.gateway().store().collection(Incidents.COLLECTION).countDocuments();

            clock.advance(Duration.ofDays(365 * 2 + 1));
            List<String> removed = new ArrayList<>();
            RetentionJob.Result result = new RetentionJob(gw.gateway().store(), clock, removed::add).run();

            assertEquals(List.of(ordinary), removed.stream().filter(id -> id.equals(ordinary) || id.equals(reported)).toList());
            assertTrue(result.keptForIncidents() >= 1);
            Document cleared = gw.gateway().store().collection(Messages.COLLECTION).find(new Document("_id", ordinary)).first();
            assertNull(cleared.get("text"));
            assertNull(cleared.get("subject"));
            assertNull(cleared.get("raw"));
            assertNotNull(cleared.get("contentRemovedAt"));
            assertEquals(pairing, cleared.getString("pairingId"), "the skeleton stays");
            Document evidence = gw.gateway().store().collection(Messages.COLLECTION).find(new Document("_id", reported)).first();
            assertEquals("a message Ruby will report", evidence.getString("text"));
            assertEquals(incidentsBefore, gw.gateway().store().collection(Incidents.COLLECTION).countDocuments(),
                    "incident records are never removed");
            assertEquals(0, new RetentionJob(gw.gateway().store(), clock, removed::add).run().messagesCleared(), "idempotent");
        }
    }

    @Test
    void anOrganisationAdminExportsEverythingHeldAboutOnePerson() {
        try (TestGateway gw = TestGateway.start()) {
            Api api = gw.api();
            String alex = Demo.token(api, "mentor.alex");
            JsonObject pairing = Demo.pairingOf(api, alex);
            api.post("/api/v1/pairings/" + pairing.getString("id") + "/messages", alex, new JsonObject().put("text", "hello Ruby"));
            String admin = Demo.token(api, "admin");
            String alexId = pairing.getString("mentorId");
            Api.Response export = api.get("/api/v1/users/" + alexId + "/export", admin);
            assertEquals(200, export.status(), export.toString());
            assertTrue(export.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
            JsonObject json = export.json();
            assertEquals(Demo.email("mentor.alex"), json.getJsonObject("subject").getString("email"));
            assertFalse(json.getJsonObject("subject").containsKey("passwordHash"));
            assertEquals(1, json.getJsonArray("pairings").size());
            assertEquals("hello Ruby", json.getJsonArray("messagesSent").getJsonObject(0).getString("text"));
            assertFalse(export.body().contains("pbkdf2"), "no password hash anywhere");
            assertEquals(403, api.get("/api/v1/users/" + alexId + "/export", alex).status());
            Tenants.Tenant other = Tenants.create(gw.gateway(), api, "Other Org");
            assertEquals(404, api.get("/api/v1/users/" + alexId + "/export", other.adminToken()).status());
            assertFalse(api.get("/api/v1/audit", admin).body().isEmpty());
        }
    }
}
