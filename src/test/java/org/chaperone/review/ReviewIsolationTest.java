package org.chaperone.review;

import io.vertx.core.json.JsonObject;
import org.chaperone.testing.Api;
import org.chaperone.testing.HeldMessages;
import org.chaperone.testing.Tenants;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Another organisation's manager sees nothing of ours, and a manager sees only their own programmes. */
class ReviewIsolationTest {
    static TestGateway gw;
    static ReviewFixture f;
    static Tenants.Tenant other;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        f = new ReviewFixture(gw);
        other = Tenants.create(gw.gateway(), gw.api(), "Northern Lights Mentoring");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void anotherOrganisationsManagerCanNeitherSeeNorDecideOurItems() {
        String m = ReviewFixture.marker();
        String ours = f.heldFromAlex(m, Duration.ofHours(1));
        Api api = f.api();
        String them = other.managerToken();

        assertTrue(api.get("/api/v1/review/queue?state=all", them).items().stream()
                .noneMatch(o -> ((JsonObject) o).getString("pairingId").equals(f.rubyPairing.getString("id"))));
        assertEquals(404, api.get("/api/v1/review/items/" + ours, them).status());
        Api.Response decide = f.decide(them, ours, "release", null);
        assertEquals(404, decide.status(), decide.toString());
        assertEquals("held", api.get("/api/v1/review/items/" + ours, f.manager).json().getString("messageState"), "nothing changed");
        assertEquals(404, api.get("/api/v1/review/queue?pairing=" + f.rubyPairing.getString("id"), them).status());
        assertEquals(404, api.get("/api/v1/incidents?pairing=" + f.rubyPairing.getString("id"), them).status());
        assertTrue(f.incidents(them, null).stream().noneMatch(o -> ours.equals(((JsonObject) o).getString("messageId"))));
        assertFalse(api.get("/api/v1/incidents/export.csv", other.adminToken()).body().contains(ours));
        assertEquals(404, api.get("/api/v1/stats/programmes/" + f.rubyPairing.getString("programmeId") + "/flags", them).status());
        assertTrue(api.get("/api/v1/review/summary", them).items().stream()
                .noneMatch(o -> ((JsonObject) o).getString("programmeId").equals(f.rubyPairing.getString("programmeId"))));
        assertTrue(api.get("/api/v1/audit", other.adminToken()).items().stream()
                .noneMatch(o -> String.valueOf(((JsonObject) o).getString("subjectId")).equals(ours)));
    }

    @Test
    void ourManagerDoesNotSeeTheirItemsEither() {
        String text = "call me on 07700 900999";
        String theirs = HeldMessages.store(gw.gateway(), other.pairingId(), other.mentorId(), "hi", text,
                f.ago(Duration.ZERO), HeldMessages.phoneNumber(text, "07700 900999"));
        assertTrue(f.queueIds(other.managerToken(), null).contains(theirs));
        assertFalse(f.queueIds(f.manager, "state=all").contains(theirs));
        assertFalse(f.queueIds(f.dsl, "state=all").contains(theirs));
        assertEquals(404, f.api().get("/api/v1/review/items/" + theirs, f.admin).status());
    }
}
