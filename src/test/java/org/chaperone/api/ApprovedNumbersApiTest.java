package org.chaperone.api;

import com.mongodb.client.model.Filters;
import io.vertx.core.json.JsonObject;
import org.bson.Document;
import org.chaperone.review.AuditLog;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** School admins keep the register of their mentors' approved numbers; every change is audited. */
class ApprovedNumbersApiTest {
    static TestGateway gw;
    static Api api;
    static String school, admin, schoolId, alexId, joId, rubyId;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        api = gw.api();
        school = Demo.token(api, "school");
        admin = Demo.token(api, "admin");
        schoolId = api.get("/api/v1/schools", school).items().getJsonObject(0).getString("id");
        alexId = userId("mentor.alex");
        joId = userId("mentor.jo");
        rubyId = userId("mentee.ruby");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static String userId(String local) {
        for (Object o : api.get("/api/v1/users", admin).items()) {
            JsonObject u = (JsonObject) o;
            if (u.getString("email").equals(Demo.email(local))) return u.getString("id");
        }
        throw new AssertionError("no user " + local);
    }

    static String path() {
        return "/api/v1/schools/" + schoolId + "/approved-numbers";
    }

    static Api.Response register(String token, String number, String mentorId) {
        return api.post(path(), token, new JsonObject().put("number", number).put("mentorId", mentorId));
    }

    static List<Document> audit(String number) {
        return gw.gateway().store().collection(AuditLog.COLLECTION).find(Filters.eq("subjectId", number))
                .sort(new Document("at", 1)).into(new ArrayList<>());
    }

    @Test
    void aSchoolAdminRegistersANumberWhichIsStoredInE164AndAudited() {
        Api.Response r = register(school, "07700 900 201", alexId);
        assertEquals(201, r.status(), r.toString());
        assertEquals("+447700900201", r.json().getString("number"));
        assertEquals(alexId, r.json().getString("mentorId"));
        assertEquals("Alex Morgan", r.json().getString("mentorName"));

        JsonObject listed = api.get(path(), school).items().stream().map(o -> (JsonObject) o)
                .filter(n -> n.getString("number").equals("+447700900201")).findFirst().orElseThrow();
        assertEquals(alexId, listed.getString("mentorId"));

        List<Document> entries = audit("+447700900201");
        assertEquals(1, entries.size());
        assertEquals("approved_number_registered", entries.getFirst().getString("action"));
        assertEquals("school_admin", entries.getFirst().getString("actorRole"));
        assertTrue(entries.getFirst().getString("detail").contains("Alex Morgan"), entries.getFirst().toJson());
    }

    @Test
    void aNumberIsApprovedForOneMentorAtATimeAndASecondRegistrationSaysWhy() {
        assertEquals(201, register(school, "+447700900202", alexId).status());
        Api.Response again = register(school, "07700900202", joId);
        assertEquals(409, again.status(), again.toString());
        String reason = again.json().getString("message");
        assertTrue(reason.contains("already approved for Alex Morgan"), reason);
        assertTrue(reason.contains("one mentor at a time"), reason);
        Api.Response same = register(admin, "+447700900202", alexId);
        assertEquals(409, same.status());
        assertTrue(same.json().getString("message").contains("already approved for Alex Morgan"), same.toString());
        assertEquals(1, audit("+447700900202").size(), "a refused registration changes nothing");
    }

    @Test
    void reassigningMovesTheNumberAndRevokingRemovesItEachAudited() {
        assertEquals(201, register(school, "+447700900203", alexId).status());
        Api.Response moved = api.post(path() + "/%2B447700900203/reassign", school, new JsonObject().put("mentorId", joId));
        assertEquals(200, moved.status(), moved.toString());
        assertEquals(joId, moved.json().getString("mentorId"));
        assertEquals(409, api.post(path() + "/%2B447700900203/reassign", school, new JsonObject().put("mentorId", joId)).status());

        Api.Response revoked = api.delete(path() + "/%2B447700900203", school);
        assertEquals(204, revoked.status(), revoked.toString());
        assertEquals(404, api.delete(path() + "/%2B447700900203", school).status(), "already gone");
        assertTrue(api.get(path(), school).items().stream().map(o -> ((JsonObject) o).getString("number"))
                .noneMatch("+447700900203"::equals));

        List<Document> entries = audit("+447700900203");
        assertEquals(List.of("approved_number_registered", "approved_number_reassigned", "approved_number_revoked"),
                entries.stream().map(d -> d.getString("action")).toList());
        assertTrue(entries.get(1).getString("detail").contains("from Alex Morgan"), entries.get(1).toJson());
        assertTrue(entries.get(1).getString("detail").contains("to Jo Patel"), entries.get(1).toJson());
        assertTrue(entries.get(2).getString("detail").contains("Jo Patel"), entries.get(2).toJson());

        assertEquals(201, register(school, "+447700900203", alexId).status(), "a revoked number can be registered again");
    }

    @Test
    void mentorsCannotRegisterNumbersNotEvenTheirOwn() {
        String alex = Demo.token(api, "mentor.alex");
        Api.Response r = register(alex, "+447700900204", alexId);
        assertEquals(403, r.status(), r.toString());
        assertEquals(403, api.get(path(), alex).status());
        assertEquals(403, api.delete(path() + "/%2B447700900201", alex).status());
        assertEquals(403, register(Demo.token(api, "manager"), "+447700900204", alexId).status());
        assertTrue(audit("+447700900204").isEmpty());
    }

    @Test
    void organisationAdminsManageEverySchoolsNumbers() {
        Api.Response r = register(admin, "+447700900205", joId);
        assertEquals(201, r.status(), r.toString());
        assertEquals("org_admin", audit("+447700900205").getFirst().getString("actorRole"));
        assertEquals(204, api.delete(path() + "/+447700900205", admin).status(), "a literal '+' in the path is a plus");
    }

    @Test
    void badInputIsNamed() {
        Api.Response r = api.post(path(), school, new JsonObject().put("number", "call me").put("mentorId", rubyId));
        assertEquals(400, r.status(), r.toString());
        assertNotNull(r.reasonFor("number"), r.toString());
        Api.Response mentee = register(school, "+447700900206", rubyId);
        assertEquals(400, mentee.status());
        assertEquals("must be a mentor, not a mentee", mentee.reasonFor("mentorId"));
        Api.Response relay = register(school, "+447700900100", alexId);
        assertEquals(400, relay.status());
        assertEquals("is one of the programme's relay numbers", relay.reasonFor("number"));
        Api.Response missing = api.post(path(), school, new JsonObject().put("number", "+447700900207"));
        assertEquals("is required", missing.reasonFor("mentorId"));
    }

    @Test
    void aSchoolAdminSeesOnlyTheirOwnSchool() {
        JsonObject other = api.post("/api/v1/schools", admin, new JsonObject().put("name", "Hillside College")).json();
        Api.Response r = api.get("/api/v1/schools/" + other.getString("id") + "/approved-numbers", school);
        assertEquals(404, r.status(), r.toString());
        Api.Response mentorOfAnother = api.post("/api/v1/schools/" + other.getString("id") + "/approved-numbers", admin,
                new JsonObject().put("number", "+447700900208").put("mentorId", alexId));
        assertEquals(400, mentorOfAnother.status());
        assertEquals("is not a mentor of Hillside College", mentorOfAnother.reasonFor("mentorId"));
    }

    @Test
    void aMenteesPhoneCannotBeApprovedForAMentor() {
        Api.Response phone = api.patch("/api/v1/users/" + rubyId, admin,
                new JsonObject().put("phones", new io.vertx.core.json.JsonArray().add("07700 900 209")));
        assertEquals(200, phone.status(), phone.toString());
        assertEquals("+447700900209", phone.json().getJsonArray("phones").getString(0));
        Api.Response r = register(school, "+447700900209", alexId);
        assertEquals(400, r.status());
        assertEquals("is registered as a mentee's phone; a mentor cannot use it", r.reasonFor("number"));
    }
}
