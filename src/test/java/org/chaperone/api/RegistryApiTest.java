package org.chaperone.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.chaperone.demo.DemoSeed;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.TestGateway;
import org.chaperone.testing.Tenants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry API over real HTTP against a started gateway with the demo organisation. */
class RegistryApiTest {
    static TestGateway gw;
    static Api api;
    static String admin;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        api = gw.api();
        admin = Demo.token(api, "admin");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void healthAndReadinessAnswer() {
        assertEquals(200, api.get("/health", null).status());
        Api.Response ready = api.get("/ready", null);
        assertEquals(200, ready.status(), ready.toString());
        assertEquals("UP", ready.json().getJsonObject("checks").getJsonObject("mongo").getString("status"));
    }

    @Test
    void aMentorSeesOnlyTheirOwnPairingWithoutTheChildsBirthDate() {
        String mentor = Demo.token(api, "mentor.alex");
        Api.Response r = api.get("/api/v1/pairings", mentor);
        assertEquals(200, r.status());
        assertEquals(1, r.items().size());
        JsonObject p = r.items().getJsonObject(0);
        assertTrue(p.getBoolean("menteeUnder18"));
        assertTrue(p.getBoolean("managersCopied"));
        assertFalse(p.containsKey("menteeDateOfBirth"));
        String otherPairing = api.get("/api/v1/pairings", Demo.token(api, "mentor.jo")).items().getJsonObject(0).getString("id");
        assertEquals(404, api.get("/api/v1/pairings/" + otherPairing, mentor).status());
        JsonObject adult = api.get("/api/v1/pairings/" + otherPairing, admin).json();
        assertFalse(adult.getBoolean("menteeUnder18"));
    }

    @Test
    void theTokenCarriesSubjectRoleOrganisationAndExpiry() {
        JsonObject r = api.post("/api/v1/auth/token", null, new JsonObject()
                .put("email", Demo.email("manager")).put("password", DemoSeed.PASSWORD)).json();
        String[] parts = r.getString("token").split("\\.");
        JsonObject header = new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(parts[0])));
        JsonObject claims = new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(parts[1])));
        assertEquals("RS256", header.getString("alg"));
        assertEquals("programme_manager", claims.getString("role"));
        assertEquals(r.getJsonObject("user").getString("id"), claims.getString("sub"));
        assertEquals(r.getJsonObject("user").getString("organisationId"), claims.getString("org"));
        assertTrue(claims.getLong("exp") > claims.getLong("iat"));
        assertFalse(r.getJsonObject("user").containsKey("passwordHash"));
    }

    @Test
    void missingOrBadTokensAnswer401WithAJsonBody() {
        Api.Response none = api.get("/api/v1/pairings", null);
        assertEquals(401, none.status());
        assertEquals("unauthorized", none.json().getString("error"));
        assertEquals(401, api.get("/api/v1/pairings", "not.a.token").status());
    }

    @Test
    void theWrongRoleAnswers403NamingTheRole() {
        Api.Response r = api.post("/api/v1/programmes", Demo.token(api, "mentor.alex"), new JsonObject().put("name", "x"));
        assertEquals(403, r.status());
        assertTrue(r.json().getString("message").contains("mentor"), r.toString());
    }

    @Test
    void validationNamesEveryBadField() {
        Api.Response r = api.post("/api/v1/users", admin, new JsonObject()
                .put("email", "not-an-email").put("role", "wizard").put("password", "short").put("colour", "blue")
                .put("phones", new JsonArray().add("12")));
        assertEquals(400, r.status(), r.toString());
        assertNotNull(r.reasonFor("email"));
        assertTrue(r.reasonFor("role").startsWith("must be one of"), r.toString());
        assertEquals("is required", r.reasonFor("name"));
        assertEquals("is not a known field", r.reasonFor("colour"));
        assertTrue(r.reasonFor("phones[0]").contains("phone number"), r.toString());
        Api.Response pw = api.post("/api/v1/users", admin, new JsonObject()
                .put("email", "x@example.org").put("name", "X").put("role", "mentor").put("password", "short"));
        assertEquals("must be at least 12 characters", pw.reasonFor("password"));
        Api.Response notJson = api.raw("POST", "/api/v1/programmes", admin, "application/json", "{name:");
        assertEquals(400, notJson.status());
        assertEquals("is not valid JSON", notJson.reasonFor("body"));
    }

    @Test
    void aDuplicateEmailInTheOrganisationIs409() {
        JsonObject u = new JsonObject().put("email", "dup@example.org").put("name", "Dup").put("role", "mentor")
                .put("password", "correct horse battery");
        assertEquals(201, api.post("/api/v1/users", admin, u).status());
        Api.Response again = api.post("/api/v1/users", admin, u.copy().put("email", "DUP@example.org"));
        assertEquals(409, again.status(), again.toString());
        assertTrue(again.json().getString("message").contains("email already exists"));
    }

    @Test
    void phonesAreStoredInE164() {
        Api.Response r = api.post("/api/v1/users", admin, new JsonObject().put("email", "phone@example.org")
                .put("name", "Phone").put("role", "mentor").put("password", "correct horse battery")
                .put("phones", new JsonArray().add("07700 900123")));
        assertEquals("+447700900123", r.json().getJsonArray("phones").getString(0));
    }

    @Test
    void anInvitedUserChoosesTheirOwnPasswordOnce() {
        Api.Response r = api.post("/api/v1/users", admin, new JsonObject().put("email", "invitee@example.org")
                .put("name", "Invitee").put("role", "mentee"));
        assertEquals(201, r.status(), r.toString());
        String token = r.json().getJsonObject("invitation").getString("token");
        assertEquals(401, api.post("/api/v1/auth/token", null, new JsonObject().put("email", "invitee@example.org")
                .put("password", "anything at all 1")).status());
        Api.Response weak = api.post("/api/v1/auth/accept-invitation", null, new JsonObject().put("token", token).put("password", "password123"));
        assertEquals(400, weak.status());
        Api.Response ok = api.post("/api/v1/auth/accept-invitation", null, new JsonObject().put("token", token)
                .put("password", "my own long passphrase"));
        assertEquals(200, ok.status(), ok.toString());
        assertNotNull(api.signIn("invitee@example.org", "my own long passphrase"));
        assertEquals(400, api.post("/api/v1/auth/accept-invitation", null, new JsonObject().put("token", token)
                .put("password", "another long passphrase")).status());
    }

    @Test
    void repeatedFailuresLockTheAccountForAWhile() {
        api.post("/api/v1/users", admin, new JsonObject().put("email", "locked@example.org").put("name", "L")
                .put("role", "mentor").put("password", "the right passphrase"));
        for (int i = 0; i < 5; i++) {
            assertEquals(401, api.post("/api/v1/auth/token", null, new JsonObject().put("email", "locked@example.org")
                    .put("password", "wrong guess " + i)).status());
        }
        Api.Response locked = api.post("/api/v1/auth/token", null, new JsonObject().put("email", "locked@example.org")
                .put("password", "the right passphrase"));
        assertEquals(429, locked.status(), locked.toString());
        assertTrue(locked.json().getString("message").contains("Try again in"));
    }

    @Test
    void aDeactivatedUsersTokenStopsWorkingAtOnce() {
        Api.Response r = api.post("/api/v1/users", admin, new JsonObject().put("email", "leaver@example.org")
                .put("name", "Leaver").put("role", "mentor").put("password", "leaving passphrase"));
        String token = api.signIn("leaver@example.org", "leaving passphrase");
        assertEquals(200, api.get("/api/v1/me", token).status());
        assertEquals(200, api.delete("/api/v1/users/" + r.json().getString("id"), admin).status());
        assertEquals(401, api.get("/api/v1/me", token).status());
        assertEquals(401, api.post("/api/v1/auth/token", null, new JsonObject().put("email", "leaver@example.org")
                .put("password", "leaving passphrase")).status());
    }

    @Test
    void aPairingNeedsAMentorAMenteeAndAPlausibleBirthDate() {
        String programme = api.get("/api/v1/programmes", admin).items().getJsonObject(0).getString("id");
        String mentor = api.get("/api/v1/users?role=mentor", admin).items().getJsonObject(0).getString("id");
        Api.Response swapped = api.post("/api/v1/pairings", admin, new JsonObject().put("programmeId", programme)
                .put("mentorId", mentor).put("menteeId", mentor).put("menteeDateOfBirth", "2011-04-01"));
        assertEquals(400, swapped.status());
        assertEquals("must be a mentee, not a mentor", swapped.reasonFor("menteeId"));
        Api.Response future = api.post("/api/v1/pairings", admin, new JsonObject().put("programmeId", programme)
                .put("mentorId", mentor).put("menteeId", mentor).put("menteeDateOfBirth", "2999-01-01"));
        assertEquals(400, future.status());
        Api.Response badDate = api.post("/api/v1/pairings", admin, new JsonObject().put("programmeId", programme)
                .put("mentorId", mentor).put("menteeId", mentor).put("menteeDateOfBirth", "01/04/2011"));
        assertEquals("must be a date written YYYY-MM-DD", badDate.reasonFor("menteeDateOfBirth"));
    }

    @Test
    void programmePolicyDefaultsAndValidation() {
        Api.Response created = api.post("/api/v1/programmes", admin, new JsonObject().put("name", "Policy test")
                .put("policy", new JsonObject().put("quietHours", new JsonObject().put("start", "22:00"))));
        assertEquals(201, created.status(), created.toString());
        JsonObject policy = created.json().getJsonObject("policy");
        assertEquals("Europe/London", policy.getString("timeZone"));
        assertEquals("22:00:00", policy.getJsonObject("quietHours").getString("start"));
        assertEquals("07:00:00", policy.getJsonObject("quietHours").getString("end"));
        assertEquals(7, policy.getJsonObject("sessionTemplate").getInteger("weeklySessions"));
        Api.Response bad = api.post("/api/v1/programmes", admin, new JsonObject().put("name", "Bad")
                .put("policy", new JsonObject().put("timeZone", "Mars/Olympus")));
        assertEquals(400, bad.status());
        assertNotNull(bad.reasonFor("policy.timeZone"), bad.toString());
        Api.Response unknown = api.post("/api/v1/programmes", admin, new JsonObject().put("name", "Bad")
                .put("policy", new JsonObject().put("quietHourz", 1)));
        assertEquals(400, unknown.status());
    }

    @Test
    void anotherOrganisationNeverSeesOrTouchesThisOnesRecords() {
        Tenants.Tenant other = Tenants.create(gw.gateway(), api, "Elsewhere Trust");
        JsonObject mine = Demo.pairingOf(api, admin);
        String orgId = mine.getString("organisationId");
        String programme = mine.getString("programmeId");
        String pairing = mine.getString("id");
        String mentor = mine.getString("mentorId");
        String school = api.get("/api/v1/schools", admin).items().getJsonObject(0).getString("id");
        for (String token : new String[] {other.adminToken(), other.managerToken(), other.mentorToken(), other.menteeToken()}) {
            for (String path : new String[] {"/api/v1/organisations/" + orgId, "/api/v1/programmes/" + programme,
                    "/api/v1/pairings/" + pairing, "/api/v1/users/" + mentor}) {
                Api.Response r = api.get(path, token);
                assertEquals(404, r.status(), path + " -> " + r);
                assertFalse(r.body().contains(orgId), "no foreign data in " + r);
            }
            int school404 = api.get("/api/v1/schools/" + school, token).status();
            assertTrue(school404 == 404 || school404 == 403, "school: " + school404);
            for (String list : new String[] {"/api/v1/organisations", "/api/v1/programmes", "/api/v1/pairings", "/api/v1/users", "/api/v1/schools"}) {
                Api.Response r = api.get(list, token);
                assertFalse(r.body().contains(orgId), list + " leaked: " + r);
            }
        }
        String a = other.adminToken();
        assertEquals(404, api.patch("/api/v1/programmes/" + programme, a, new JsonObject().put("name", "x")).status());
        assertEquals(404, api.delete("/api/v1/programmes/" + programme, a).status());
        assertEquals(404, api.patch("/api/v1/pairings/" + pairing, a, new JsonObject().put("adultAtRisk", true)).status());
        assertEquals(404, api.delete("/api/v1/pairings/" + pairing, a).status());
        assertEquals(404, api.patch("/api/v1/users/" + mentor, a, new JsonObject().put("name", "x")).status());
        assertEquals(404, api.delete("/api/v1/users/" + mentor, a).status());
        assertEquals(404, api.patch("/api/v1/schools/" + school, a, new JsonObject().put("name", "x")).status());
        assertEquals(404, api.delete("/api/v1/schools/" + school, a).status());
        assertEquals(404, api.patch("/api/v1/organisations/" + orgId, a, new JsonObject().put("name", "x")).status());
        Api.Response steal = api.post("/api/v1/pairings", a, new JsonObject().put("programmeId", other.programmeId())
                .put("mentorId", mentor).put("menteeId", other.menteeId()).put("menteeDateOfBirth", "2011-01-01"));
        assertEquals(400, steal.status());
        assertEquals("is not a user of your organisation", steal.reasonFor("mentorId"));
        // The demo organisation's records are unchanged.
        assertEquals("Year 10 Careers Mentoring", api.get("/api/v1/programmes/" + programme, admin).json().getString("name"));
        assertEquals("active", api.get("/api/v1/pairings/" + pairing, admin).json().getString("state"));
    }

    @Test
    void dataCreatedThroughTheApiSurvivesARestart() {
        try (TestGateway own = TestGateway.start()) {
            String token = Demo.token(own.api(), "admin");
            String id = own.api().post("/api/v1/programmes", token, new JsonObject().put("name", "Survives")).json().getString("id");
            own.restart(Clock.systemUTC());
            String again = Demo.token(own.api(), "admin");
            assertEquals("Survives", own.api().get("/api/v1/programmes/" + id, again).json().getString("name"));
            assertFalse(own.gateway().seededDemo(), "the demo is seeded only into an empty database");
        }
    }

    @Test
    void endingAPairingKeepsItsRecord() {
        String programme = api.get("/api/v1/programmes", admin).items().getJsonObject(0).getString("id");
        String mentor = Tenants.user(api, admin, "m2@example.org", "mentor", null);
        String mentee = Tenants.user(api, admin, "e2@example.org", "mentee", null);
        String id = api.post("/api/v1/pairings", admin, new JsonObject().put("programmeId", programme)
                .put("mentorId", mentor).put("menteeId", mentee).put("menteeDateOfBirth", "2000-05-05")).json().getString("id");
        Api.Response ended = api.delete("/api/v1/pairings/" + id, admin);
        assertEquals("ended", ended.json().getString("state"));
        assertNotNull(ended.json().getString("endDate"));
        assertEquals("ended", api.get("/api/v1/pairings/" + id, admin).json().getString("state"));
        assertNull(api.get("/api/v1/pairings/" + id, admin).json().getValue("nothing"));
    }
}
