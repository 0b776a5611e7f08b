package org.chaperone.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.TestGateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random JSON to every endpoint that takes a body, as the role that may use it: the known field names
 * with values of every type and size (text with line breaks and NUL, huge strings, numbers out of range,
 * nested objects), unknown fields, bodies that are not objects or not JSON. Never a 5xx; a refusal is a
 * 4xx with a JSON body whose 400 names the field; and a refused request leaves the record as it was.
 */
class ApiFuzzTest {
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static TestGateway gw;
    private static Api api;
    private static String admin, mentor, manager, school;
    private static String orgId, programmeId, schoolId, pairingId, userId, incidentId, messageId;

    record Target(String method, String path, String token, List<String> fields, String readBack) {}

    private static final Map<String, Target> TARGETS = new LinkedHashMap<>();

    @BeforeContainer
    static void start() {
        gw = TestGateway.start();
        api = gw.api();
        admin = Demo.token(api, "admin");
        mentor = Demo.token(api, "mentor.alex");
        manager = Demo.token(api, "manager");
        school = Demo.token(api, "school");
        orgId = api.get("/api/v1/me", admin).json().getString("organisationId");
        programmeId = api.get("/api/v1/programmes", admin).items().getJsonObject(0).getString("id");
        schoolId = api.get("/api/v1/schools", admin).items().getJsonObject(0).getString("id");
        JsonObject pairing = Demo.pairingOf(api, mentor);
        pairingId = pairing.getString("id");
        userId = pairing.getString("menteeId");
        messageId = api.post("/api/v1/pairings/" + pairingId + "/messages", mentor,
                new JsonObject().put("text", "ring me on 07700 900777")).json().getString("id");
        incidentId = api.get("/api/v1/incidents", admin).items().getJsonObject(0).getString("id");
        String p = "/api/v1/pairings/" + pairingId;
        add("PATCH", "/api/v1/organisations/" + orgId, admin, List.of("name", "retentionDays"), "/api/v1/organisations/" + orgId);
        add("POST", "/api/v1/programmes", admin, List.of("name", "policy"), null);
        add("PATCH", "/api/v1/programmes/" + programmeId, admin, List.of("name", "policy"), "/api/v1/programmes/" + programmeId);
        add("POST", "/api/v1/schools", admin, List.of("name", "programmeIds"), null);
        add("PATCH", "/api/v1/schools/" + schoolId, admin, List.of("name", "programmeIds"), "/api/v1/schools/" + schoolId);
        add("POST", "/api/v1/schools/" + schoolId + "/approved-numbers", school, List.of("number", "mentorId"), null);
        add("POST", "/api/v1/users", admin, List.of("email", "name", "role", "phones", "programmeIds", "schoolId", "password", "active"), null);
        add("PATCH", "/api/v1/users/" + userId, admin, List.of("email", "name", "role", "phones", "programmeIds", "schoolId", "password", "active"),
                "/api/v1/users/" + userId);
        add("POST", "/api/v1/pairings", admin, List.of("programmeId", "mentorId", "menteeId", "menteeDateOfBirth", "adultAtRisk",
                "managerIds", "startDate", "endDate", "state"), null);
        add("PATCH", p, admin, List.of("programmeId", "mentorId", "menteeId", "menteeDateOfBirth", "adultAtRisk", "managerIds",
                "startDate", "endDate", "state"), p);
        add("POST", p + "/messages", mentor, List.of("subject", "text"), null);
        add("POST", p + "/sessions", manager, List.of("start", "minutes"), null);
        add("POST", p + "/sessions/weekly", manager, List.of("start", "minutes"), null);
        add("POST", "/api/v1/review/items/" + messageId + "/decisions", manager, List.of("decision", "note"), null);
        add("POST", "/api/v1/incidents/" + incidentId + "/corrections", manager, List.of("summary"), null);
        add("POST", "/api/v1/auth/token", null, List.of("email", "password", "organisationId"), null);
        add("POST", "/api/v1/auth/accept-invitation", null, List.of("token", "password"), null);
    }

    private static void add(String method, String path, String token, List<String> fields, String readBack) {
        TARGETS.put(method + " " + path, new Target(method, path, token, fields, readBack));
    }

    @AfterContainer
    static void stop() {
        System.out.printf("API fuzz: %d requests to %d endpoints; %d refused with a reason, %d accepted, no 5xx%n",
                CASES.get(), TARGETS.size(), REFUSED.get(), ACCEPTED.get());
        if (gw != null) gw.close();
    }

    @Property
    void randomBodiesAreRefusedWithAReasonOrAcceptedNeverAServerError(@ForAll("targets") Target target, @ForAll("bodies") Body body) {
        CASES.incrementAndGet();
        String text = body.render(target.fields());
        String before = target.readBack() == null ? null : api.get(target.readBack(), admin).body();
        Api.Response r = api.raw(target.method(), target.path(), target.token(), body.contentType(), text);
        assertTrue(r.status() < 500, target.method() + " " + target.path() + " with " + abbreviate(text) + " -> " + r);
        if (r.status() >= 400) {
            REFUSED.incrementAndGet();
            JsonObject json = r.json();
            assertNotNull(json.getString("error"), r.toString());
            assertNotNull(json.getString("message"), r.toString());
            if (r.status() == 400 && "invalid_request".equals(json.getString("error")) && json.containsKey("fields")) {
                JsonArray fields = json.getJsonArray("fields");
                assertTrue(!fields.isEmpty(), r.toString());
                for (int i = 0; i < fields.size(); i++) {
                    assertNotNull(fields.getJsonObject(i).getString("field"), r.toString());
                    assertNotNull(fields.getJsonObject(i).getString("reason"), r.toString());
                }
            }
            if (before != null) {
                assertEquals(before, api.get(target.readBack(), admin).body(), "a refused request changed " + target.readBack());
            }
        } else {
            ACCEPTED.incrementAndGet();
        }
    }

    /** A request body: JSON built from the endpoint's own field names (or not JSON at all). */
    record Body(int kind, List<Map.Entry<Integer, Object>> values, String raw) {
        String contentType() {
            return kind == 3 ? "text/plain" : "application/json";
        }

        String render(List<String> fields) {
            return switch (kind) {
                case 0, 3 -> {
                    JsonObject o = new JsonObject();
                    for (Map.Entry<Integer, Object> v : values) {
                        String name = v.getKey() < 0 ? "unknown" + (-v.getKey()) : fields.get(v.getKey() % fields.size());
                        o.put(name, v.getValue());
                    }
                    yield o.encode();
                }
                case 1 -> raw;
                default -> new JsonArray().add(raw).encode();
            };
        }
    }

    @Provide
    Arbitrary<Target> targets() {
        return Arbitraries.of(List.copyOf(TARGETS.values()));
    }

    @Provide
    Arbitrary<Body> bodies() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(40).map(s -> (Object) s),
                Arbitraries.of("", " ", "Line one\r\nBcc: victim@example.org", "name\u0000nul", "2026-02-30", "25:61",
                        "release", "reject", "mentee", "org_admin", "+447700900123", "a@b", "x".repeat(100_000),
                        "\uD83D\uDE00", "\u202Eevil", "null", "true", "1e309").map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just((Object) null),
                Arbitraries.strings().ofMaxLength(10).list().ofMaxSize(5).map(l -> (Object) new JsonArray(List.copyOf(l))),
                Arbitraries.just((Object) new JsonObject().put("quietHours", new JsonObject().put("start", "9am"))),
                Arbitraries.just((Object) new JsonObject().put("nested", new JsonObject().put("deeper", new JsonArray().add(1)))));
        Arbitrary<Map.Entry<Integer, Object>> field = Combinators.combine(Arbitraries.integers().between(-3, 20), leaf)
                .as(java.util.AbstractMap.SimpleEntry::new);
        Arbitrary<String> notJson = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of("{", "{\"name\":", "[]", "null", "42", "\"text\"", "{\"a\":1,}", "{'single':1}", "\u0000",
                        "[".repeat(5000), "{\"a\":".repeat(2000)));
        return Arbitraries.integers().between(0, 3).flatMap(kind -> Combinators.combine(field.list().ofMaxSize(6), notJson)
                .as((values, raw) -> new Body(kind, values, raw)));
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
