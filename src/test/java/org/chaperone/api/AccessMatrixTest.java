package org.chaperone.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.chaperone.demo.DemoSeed;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.Tenants;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint of the started gateway × every role of the demo organisation × users of another
 * organisation: the answer is the one DESIGN.md's "Who uses it" gives, and no answer to a user of the other
 * organisation (or from it) carries the other organisation's ids or names. The list of endpoints is checked
 * against the router, so a new endpoint cannot be left out.
 *
 * <p>Home callers: org_admin, programme_manager (of the programme), dsl, school_admin (of the school),
 * mentor and mentee of the under-18 pairing P. Foreign callers: the other organisation's org_admin,
 * programme_manager, mentor and mentee. Addressing a home record, a foreign caller whose role may use the
 * endpoint gets 404 (the record does not exist for them), one whose role may not gets 403.
 */
class AccessMatrixTest {
    enum Caller { ADMIN, MANAGER, DSL, SCHOOL, MENTOR, MENTEE, F_ADMIN, F_MANAGER, F_MENTOR, F_MENTEE;
        boolean foreign() {
            return name().startsWith("F_");
        }

        Caller homeRole() {
            return switch (this) {
                case F_ADMIN -> ADMIN;
                case F_MANAGER -> MANAGER;
                case F_MENTOR -> MENTOR;
                case F_MENTEE -> MENTEE;
                default -> this;
            };
        }
    }

    /** An expected answer: an exact status, or "let through, then refused or done by the record's state". */
    record Expect(int status, boolean passesAccess, boolean relationship) {
        static Expect is(int status) {
            return new Expect(status, false, false);
        }

        /**
         * 403 because of the caller's relation to the record (not a participant of the pairing, not its
         * programme's staff), decided after the record is found: for another organisation it does not exist.
         */
        static final Expect NOT_THEIRS = new Expect(403, false, true);

        /** Access granted; the record's state decides between success and 409/422 (sessions, surveys). */
        static final Expect PASSES = new Expect(0, true, false);

        boolean matches(int actual) {
            if (!passesAccess) return actual == status;
            return (actual >= 200 && actual < 300) || actual == 409 || actual == 422;
        }

        @Override
        public String toString() {
            return passesAccess ? "2xx/409/422" : String.valueOf(status);
        }
    }

    /** One endpoint: how to address it (fresh targets for destructive calls), its body, and its rule. */
    record Endpoint(HttpMethod method, String pattern, Supplier<String> path, Supplier<JsonObject> body,
                    Map<Caller, Expect> home, boolean collection, Expect foreignAdmin) {
        /** A collection endpoint whose body names home records: the other organisation's admin is refused. */
        Endpoint foreignAdminGets(int status) {
            return new Endpoint(method, pattern, path, body, home, collection, Expect.is(status));
        }
    }

    static TestGateway gw;
    static Api api;
    static Map<Caller, String> tokens = new LinkedHashMap<>();
    static Tenants.Tenant other;
    static String orgId, programmeId, schoolId, pairingId, rubyId, alexId, joId, heldMessageId, deliveredMessageId, incidentId;
    static final AtomicInteger counter = new AtomicInteger();
    static final List<String> homeSecrets = new ArrayList<>();
    static final List<String> foreignSecrets = new ArrayList<>();

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        api = gw.api();
        tokens.put(Caller.ADMIN, Demo.token(api, "admin"));
        tokens.put(Caller.MANAGER, Demo.token(api, "manager"));
        tokens.put(Caller.DSL, Demo.token(api, "dsl"));
        tokens.put(Caller.SCHOOL, Demo.token(api, "school"));
        tokens.put(Caller.MENTOR, Demo.token(api, "mentor.alex"));
        tokens.put(Caller.MENTEE, Demo.token(api, "mentee.ruby"));
        other = Tenants.create(gw.gateway(), api, "Elsewhere Mentoring");
        tokens.put(Caller.F_ADMIN, other.adminToken());
        tokens.put(Caller.F_MANAGER, other.managerToken());
        tokens.put(Caller.F_MENTOR, other.mentorToken());
        tokens.put(Caller.F_MENTEE, other.menteeToken());

        String admin = tokens.get(Caller.ADMIN);
        JsonObject me = api.get("/api/v1/me", admin).json();
        orgId = me.getString("organisationId");
        programmeId = api.get("/api/v1/programmes", admin).items().getJsonObject(0).getString("id");
        schoolId = api.get("/api/v1/schools", admin).items().getJsonObject(0).getString("id");
        JsonObject pairing = Demo.pairingOf(api, tokens.get(Caller.MENTOR));
        pairingId = pairing.getString("id");
        alexId = pairing.getString("mentorId");
        rubyId = pairing.getString("menteeId");
        joId = Demo.pairingOf(api, Demo.token(api, "mentor.jo")).getString("mentorId");
        deliveredMessageId = send("Matrix: how was the mock exam?");
        heldMessageId = heldMessage();
        incidentId = api.get("/api/v1/incidents", admin).items().getJsonObject(0).getString("id");
        approvedNumber();

        homeSecrets.addAll(List.of(orgId, programmeId, schoolId, pairingId, rubyId, alexId, heldMessageId, deliveredMessageId,
                "Demo Mentoring Trust", "Year 10 Careers Mentoring", "Riverside Academy", "Ruby (15)", "Alex Morgan",
                "Priya Shah", DemoSeed.DOMAIN));
        foreignSecrets.addAll(List.of(other.organisationId(), other.programmeId(), other.pairingId(), other.mentorId(),
                other.menteeId(), other.managerId(), "Elsewhere Mentoring", "elsewherementoring.example"));
    }

    @AfterAll
    static void stop() {
        if (gw != null) gw.close();
    }

    private static String send(String text) {
        Api.Response r = api.post("/api/v1/pairings/" + pairingId + "/messages", tokens.get(Caller.MENTOR), new JsonObject().put("text", text));
        assertEquals(202, r.status(), r.toString());
        return r.json().getString("id");
    }

    /** A message held for review (a phone number), with its review item and incident record. */
    private static String heldMessage() {
        return send("Text me on 07700 900" + String.format("%03d", counter.incrementAndGet() % 1000) + " after school");
    }

    private static final AtomicInteger numbers = new AtomicInteger(200);

    /** A fresh approved number of the demo school for Alex. */
    private static String approvedNumber() {
        String number = "+4477009003" + String.format("%02d", numbers.incrementAndGet() % 100);
        Api.Response r = api.post("/api/v1/schools/" + schoolId + "/approved-numbers", tokens.get(Caller.SCHOOL),
                new JsonObject().put("number", number).put("mentorId", alexId));
        assertEquals(201, r.status(), r.toString());
        return number;
    }

    private static String fresh(String what) {
        return "matrix-" + what + "-" + counter.incrementAndGet();
    }

    private static String freshProgramme() {
        return created(api.post("/api/v1/programmes", tokens.get(Caller.ADMIN), new JsonObject().put("name", fresh("programme"))));
    }

    private static String freshSchool() {
        return created(api.post("/api/v1/schools", tokens.get(Caller.ADMIN), new JsonObject().put("name", fresh("school"))));
    }

    private static String freshUser(String role) {
        return Tenants.user(api, tokens.get(Caller.ADMIN), fresh(role) + "@" + DemoSeed.DOMAIN, role, null);
    }

    private static String freshPairing() {
        return created(api.post("/api/v1/pairings", tokens.get(Caller.ADMIN), pairingBody()));
    }

    private static JsonObject pairingBody() {
        return new JsonObject().put("programmeId", programmeId).put("mentorId", freshUser("mentor"))
                .put("menteeId", freshUser("mentee")).put("menteeDateOfBirth", LocalDate.now().minusYears(20).toString());
    }

    private static String created(Api.Response r) {
        if (r.status() != 201) throw new AssertionError("expected 201, got " + r);
        return r.json().getString("id");
    }

    /** A session of P that is scheduled (so it can be moved, cancelled, joined), arranged by the manager. */
    private static String scheduledSession() {
        String start = nextWeekday(counter.incrementAndGet()).toString() + "T16:00";
        Api.Response r = api.post("/api/v1/pairings/" + pairingId + "/sessions", tokens.get(Caller.MANAGER),
                new JsonObject().put("start", start).put("minutes", 45));
        assertEquals(201, r.status(), r.toString());
        return r.json().getString("id");
    }

    private static LocalDate nextWeekday(int weeksAhead) {
        LocalDate d = LocalDate.now(ZoneId.of("Europe/London")).plusWeeks(2L + weeksAhead);
        while (d.getDayOfWeek().getValue() > 5) d = d.plusDays(1);
        return d;
    }

    /** Expected answers for the six home roles, in the order ADMIN MANAGER DSL SCHOOL MENTOR MENTEE. */
    private static Map<Caller, Expect> rule(Object admin, Object manager, Object dsl, Object school, Object mentor, Object mentee) {
        Map<Caller, Expect> m = new LinkedHashMap<>();
        Object[] all = {admin, manager, dsl, school, mentor, mentee};
        Caller[] roles = {Caller.ADMIN, Caller.MANAGER, Caller.DSL, Caller.SCHOOL, Caller.MENTOR, Caller.MENTEE};
        for (int i = 0; i < all.length; i++) m.put(roles[i], all[i] instanceof Expect e ? e : Expect.is((Integer) all[i]));
        return m;
    }

    private static Endpoint ep(String method, String pattern, Supplier<String> path, Supplier<JsonObject> body,
                               Map<Caller, Expect> rule) {
        return new Endpoint(HttpMethod.valueOf(method), pattern, path, body, rule, !pattern.contains(":"), null);
    }

    private static Endpoint ep(String method, String pattern, String path, JsonObject body, Map<Caller, Expect> rule) {
        return ep(method, pattern, () -> path, body == null ? null : () -> body, rule);
    }

    static List<Endpoint> endpoints() {
        String p = "/api/v1/pairings/" + pairingId;
        Expect ok = Expect.PASSES;
        Expect NOT_THEIRS = Expect.NOT_THEIRS;
        List<Endpoint> e = new ArrayList<>();
        // identity and organisation
        e.add(ep("GET", "/me", "/api/v1/me", null, rule(200, 200, 200, 200, 200, 200)));
        e.add(ep("GET", "/organisations", "/api/v1/organisations", null, rule(200, 200, 200, 200, 200, 200)));
        e.add(ep("GET", "/organisations/:id", "/api/v1/organisations/" + orgId, null, rule(200, 200, 200, 200, 200, 200)));
        e.add(ep("PATCH", "/organisations/:id", "/api/v1/organisations/" + orgId, new JsonObject().put("name", "Demo Mentoring Trust"),
                rule(200, 403, 403, 403, 403, 403)));
        // programmes: the admin runs them; everyone sees the ones they take part in
        e.add(ep("POST", "/programmes", () -> "/api/v1/programmes", () -> new JsonObject().put("name", fresh("programme")),
                rule(201, 403, 403, 403, 403, 403)));
        e.add(ep("GET", "/programmes", "/api/v1/programmes", null, rule(200, 200, 200, 200, 200, 200)));
        e.add(ep("GET", "/programmes/:id", "/api/v1/programmes/" + programmeId, null, rule(200, 200, 200, 200, 200, 200)));
        e.add(ep("PATCH", "/programmes/:id", "/api/v1/programmes/" + programmeId, new JsonObject().put("name", "Year 10 Careers Mentoring"),
                rule(200, 403, 403, 403, 403, 403)));
        e.add(ep("DELETE", "/programmes/:id", () -> "/api/v1/programmes/" + freshProgramme(), null, rule(204, 403, 403, 403, 403, 403)));
        // schools: staff see them, participants do not
        e.add(ep("POST", "/schools", () -> "/api/v1/schools", () -> new JsonObject().put("name", fresh("school")),
                rule(201, 403, 403, 403, 403, 403)));
        e.add(ep("GET", "/schools", "/api/v1/schools", null, rule(200, 200, 200, 200, 403, 403)));
        e.add(ep("GET", "/schools/:id", "/api/v1/schools/" + schoolId, null, rule(200, 200, 200, 200, 403, 403)));
        e.add(ep("PATCH", "/schools/:id", "/api/v1/schools/" + schoolId, new JsonObject().put("name", "Riverside Academy"),
                rule(200, 403, 403, 403, 403, 403)));
        e.add(ep("DELETE", "/schools/:id", () -> "/api/v1/schools/" + freshSchool(), null, rule(204, 403, 403, 403, 403, 403)));
        // approved numbers: the school admin and the organisation admin
        String numbers = "/api/v1/schools/" + schoolId + "/approved-numbers";
        e.add(ep("POST", "/schools/:id/approved-numbers", () -> numbers, () -> new JsonObject()
                        .put("number", "+4477009004" + String.format("%02d", numbers().incrementAndGet() % 100)).put("mentorId", alexId),
                rule(201, 403, 403, 201, 403, 403)));
        e.add(ep("GET", "/schools/:id/approved-numbers", numbers, null, rule(200, 403, 403, 200, 403, 403)));
        e.add(ep("DELETE", "/schools/:id/approved-numbers/:number", () -> numbers + "/" + approvedNumber(), null,
                rule(204, 403, 403, 204, 403, 403)));
        e.add(ep("POST", "/schools/:id/approved-numbers/:number/reassign", () -> numbers + "/" + approvedNumber() + "/reassign",
                () -> new JsonObject().put("mentorId", joId), rule(200, 403, 403, 200, 403, 403)));
        // users: the admin manages them; staff list those they work with; participants see themselves only
        e.add(ep("POST", "/users", () -> "/api/v1/users", () -> new JsonObject().put("email", fresh("user") + "@example.org")
                        .put("name", "Matrix User").put("role", "mentee").put("password", Tenants.PASSWORD),
                rule(201, 403, 403, 403, 403, 403)));
        e.add(ep("GET", "/users", "/api/v1/users", null, rule(200, 200, 200, 200, 403, 403)));
        e.add(ep("GET", "/users/:id", "/api/v1/users/" + rubyId, null, rule(200, 200, 200, 404, 404, 200)));
        e.add(ep("PATCH", "/users/:id", "/api/v1/users/" + rubyId, new JsonObject().put("name", "Ruby (15)"),
                rule(200, 403, 403, 403, 403, 403)));
        e.add(ep("DELETE", "/users/:id", () -> "/api/v1/users/" + freshUser("mentee"), null, rule(200, 403, 403, 403, 403, 403)));
        e.add(ep("GET", "/users/:id/export", "/api/v1/users/" + rubyId + "/export", null, rule(200, 403, 403, 403, 403, 403)));
        // pairings
        e.add(ep("POST", "/pairings", () -> "/api/v1/pairings", AccessMatrixTest::pairingBody, rule(201, 403, 403, 403, 403, 403))
                .foreignAdminGets(400));
        e.add(ep("GET", "/pairings", "/api/v1/pairings", null, rule(200, 200, 200, 200, 200, 200)));
        e.add(ep("GET", "/pairings/:id", p, null, rule(200, 200, 200, 404, 200, 200)));
        e.add(ep("PATCH", "/pairings/:id", p, new JsonObject().put("adultAtRisk", false), rule(200, 403, 403, 403, 403, 403)));
        e.add(ep("DELETE", "/pairings/:id", () -> "/api/v1/pairings/" + freshPairing(), null, rule(200, 403, 403, 403, 403, 403)));
        // messages: the two participants write; staff of the pairing read
        e.add(ep("POST", "/pairings/:id/messages", p + "/messages", new JsonObject().put("text", "Matrix: see you on Tuesday"),
                rule(NOT_THEIRS, NOT_THEIRS, NOT_THEIRS, 404, 202, 202)));
        e.add(ep("GET", "/pairings/:id/messages", p + "/messages", null, rule(200, 200, 200, 404, 200, 200)));
        e.add(ep("POST", "/pairings/:id/messages/:messageId/report", () -> p + "/messages/" + send("Matrix: a message to report") + "/report",
                () -> new JsonObject().put("reason", "it made me uncomfortable"), rule(403, 403, 403, 403, NOT_THEIRS, 201)));
        // review: managers and DSLs decide; the admin reads
        e.add(ep("GET", "/review/queue", "/api/v1/review/queue", null, rule(200, 200, 200, 403, 403, 403)));
        e.add(ep("GET", "/review/summary", "/api/v1/review/summary", null, rule(200, 200, 200, 403, 403, 403)));
        e.add(ep("GET", "/review/items/:messageId", "/api/v1/review/items/" + heldMessageId, null, rule(200, 200, 200, 403, 403, 403)));
        e.add(ep("POST", "/review/items/:messageId/decisions", () -> "/api/v1/review/items/" + heldMessage() + "/decisions",
                () -> new JsonObject().put("decision", "reject").put("note", "a personal number"), rule(403, 200, 200, 403, 403, 403)));
        // incident record and audit
        e.add(ep("GET", "/incidents", "/api/v1/incidents", null, rule(200, 200, 200, 403, 403, 403)));
        e.add(ep("GET", "/incidents/export.csv", "/api/v1/incidents/export.csv", null, rule(200, 200, 200, 403, 403, 403)));
        e.add(ep("GET", "/incidents/export.html", "/api/v1/incidents/export.html", null, rule(200, 200, 200, 403, 403, 403)));
        e.add(ep("GET", "/incidents/:id", "/api/v1/incidents/" + incidentId, null, rule(200, 200, 200, 403, 403, 403)));
        e.add(ep("POST", "/incidents/:id/corrections", "/api/v1/incidents/" + incidentId + "/corrections",
                new JsonObject().put("summary", "Matrix correction: the number was a school line"), rule(201, 201, 201, 403, 403, 403)));
        e.add(ep("GET", "/audit", "/api/v1/audit", null, rule(200, 403, 403, 403, 403, 403)));
        // search over messages: staff only, always within the caller's own scope
        e.add(ep("GET", "/search", "/api/v1/search?q=session", null, rule(200, 200, 200, 403, 403, 403)));
        e.add(ep("GET", "/stats/programmes/:id/flags", "/api/v1/stats/programmes/" + programmeId + "/flags", null,
                rule(200, 200, 200, 403, 403, 403)));
        e.add(ep("GET", "/stats/programmes/:id/pairings", "/api/v1/stats/programmes/" + programmeId + "/pairings", null,
                rule(200, 200, 200, 403, 403, 403)));
        // sessions of an under-18 pairing: only the programme (manager, admin) arranges them; the DSL reads logs
        e.add(ep("GET", "/pairings/:id/sessions", p + "/sessions", null, rule(200, 200, 200, 404, 200, 200)));
        e.add(ep("POST", "/pairings/:id/sessions/weekly", () -> p + "/sessions/weekly",
                () -> new JsonObject().put("start", nextWeekday(40 + counter.incrementAndGet()) + "T17:00"), rule(ok, ok, NOT_THEIRS, 404, NOT_THEIRS, NOT_THEIRS)));
        e.add(ep("POST", "/pairings/:id/sessions", () -> p + "/sessions",
                () -> new JsonObject().put("start", nextWeekday(80 + counter.incrementAndGet()) + "T17:30"), rule(ok, ok, NOT_THEIRS, 404, NOT_THEIRS, NOT_THEIRS)));
        e.add(ep("PATCH", "/pairings/:id/sessions/:sessionId", () -> p + "/sessions/" + scheduledSession(),
                () -> new JsonObject().put("start", nextWeekday(120 + counter.incrementAndGet()) + "T15:00"), rule(ok, ok, NOT_THEIRS, 404, NOT_THEIRS, NOT_THEIRS)));
        e.add(ep("DELETE", "/pairings/:id/sessions/:sessionId", () -> p + "/sessions/" + scheduledSession(), null,
                rule(ok, ok, NOT_THEIRS, 404, NOT_THEIRS, NOT_THEIRS)));
        e.add(ep("POST", "/pairings/:id/sessions/:sessionId/outcome", () -> p + "/sessions/" + scheduledSession() + "/outcome",
                () -> new JsonObject().put("tookPlace", true), rule(ok, ok, NOT_THEIRS, 404, ok, NOT_THEIRS)));
        e.add(ep("GET", "/pairings/:id/sessions/:sessionId/join", () -> p + "/sessions/" + scheduledSession() + "/join", null,
                rule(200, 200, NOT_THEIRS, 404, 200, 200)));
        e.add(ep("GET", "/pairings/:id/sessions/:sessionId/log", () -> p + "/sessions/" + scheduledSession() + "/log", null,
                rule(200, 200, 200, 404, NOT_THEIRS, NOT_THEIRS)));
        e.add(ep("GET", "/pairings/:id/attendance", p + "/attendance", null, rule(200, 200, 200, 404, 200, 200)));
        e.add(ep("GET", "/programmes/:id/attendance", "/api/v1/programmes/" + programmeId + "/attendance", null,
                rule(200, 200, 200, 403, 403, 403)));
        e.add(ep("GET", "/pairings/:id/surveys", p + "/surveys", null, rule(200, 200, 200, 404, 200, 200)));
        e.add(ep("POST", "/pairings/:id/surveys/:surveyId/answers", p + "/surveys/no-such-survey/answers",
                new JsonObject().put("useful", 4).put("comfortable", true), rule(NOT_THEIRS, NOT_THEIRS, NOT_THEIRS, 404, 404, 404)));
        e.add(ep("GET", "/sessions/missing-records", "/api/v1/sessions/missing-records", null, rule(200, 200, 403, 403, 403, 403)));
        return e;
    }

    private static AtomicInteger numbers() {
        return numbers;
    }

    /** What a user of the other organisation gets: their role's refusal, else "not found" for a home record. */
    static Expect foreign(Endpoint e, Caller c) {
        Expect home = e.home().get(c.homeRole());
        if (c == Caller.F_ADMIN && e.foreignAdmin() != null) return e.foreignAdmin();
        if (!home.passesAccess() && home.status() == 403 && !home.relationship()) return home;
        if (e.collection()) return home;
        return Expect.is(404);
    }

    @Test
    void everyEndpointAnswersEachRoleAsTheDesignSaysAndNeverLeaksAnotherOrganisation() {
        List<Endpoint> endpoints = endpoints();
        List<String> failures = new ArrayList<>();
        int cells = 0;
        for (Endpoint e : endpoints) {
            for (Caller c : Caller.values()) {
                Expect expected = c.foreign() ? foreign(e, c) : e.home().get(c);
                String path = e.path().get();
                JsonObject body = e.body() == null ? null : e.body().get();
                Api.Response r = call(e.method(), path, tokens.get(c), body);
                cells++;
                if (!expected.matches(r.status())) {
                    failures.add(e.method() + " " + e.pattern() + " as " + c + ": expected " + expected + ", got " + r.status()
                            + " " + abbreviate(r.body()));
                }
                if (r.status() >= 500) failures.add(e.method() + " " + e.pattern() + " as " + c + ": server error " + r.body());
                List<String> leaked = (c.foreign() ? homeSecrets : foreignSecrets).stream().filter(r.body()::contains).toList();
                if (!leaked.isEmpty()) {
                    failures.add(e.method() + " " + e.pattern() + " as " + c + " returned the other organisation's " + leaked);
                }
            }
        }
        System.out.printf("access matrix: %d endpoints x %d callers = %d cells checked, %d wrong%n",
                endpoints.size(), Caller.values().length, cells, failures.size());
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    @Test
    void theMatrixCoversEveryRouteTheGatewayServes() {
        Set<String> served = new TreeSet<>();
        collect(gw.gateway().router(), "", served);
        Set<String> covered = new TreeSet<>();
        for (Endpoint e : endpoints()) covered.add(e.method() + " /api/v1" + e.pattern());
        // Reached without a token, so no role applies: tested by the sign-in, invitation, health and SMS webhook tests.
        covered.addAll(List.of("GET /health", "GET /ready", "POST /api/v1/auth/token", "POST /api/v1/auth/accept-invitation",
                "POST /webhooks/sms/twilio", "POST /webhooks/sms/inbound"));
        assertEquals(covered, served, "every served route is in the access matrix (or listed as public)");
        assertTrue(covered.size() > 60);
    }

    private static void collect(Router router, String prefix, Set<String> out) {
        for (Route r : router.getRoutes()) {
            if (r.getSubRouter() != null) {
                collect(r.getSubRouter(), prefix + r.getPath().replaceAll("/\\*?$", "").replaceAll("/$", ""), out);
                continue;
            }
            if (r.getPath() == null || r.methods() == null || r.methods().isEmpty()) continue;
            for (HttpMethod m : r.methods()) out.add(m + " " + prefix + r.getPath());
        }
    }

    private static Api.Response call(HttpMethod method, String path, String token, JsonObject body) {
        if (method == HttpMethod.GET) return api.get(path, token);
        if (method == HttpMethod.DELETE) return api.delete(path, token);
        if (method == HttpMethod.PATCH) return api.patch(path, token, body == null ? new JsonObject() : body);
        return api.post(path, token, body == null ? new JsonObject() : body);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
