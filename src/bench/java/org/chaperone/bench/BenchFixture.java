package org.chaperone.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Prepares a started demo gateway for the relay and web API benchmarks, through its HTTP API only (loopback):
 * switches the demo programme's quiet hours off (so a run at night is delivered at once, not in the morning),
 * and makes adult pairings, each one conversation: the demo's own (Jo writing to Sam) and {@code --pairings}
 * minus one more. Writes, under {@code --out}:
 * <ul>
 *   <li>{@code pairs.txt}: one line per pairing, "mentor-email mentee-relay-address" (the SMTP envelope);</li>
 *   <li>{@code api-targets.txt}: one line per pairing, "pairing-id mentor-token" (for wrk's POSTs).</li>
 * </ul>
 * Usage: {@code BenchFixture --http 18080 --pairings 10 --out DIR}
 */
public final class BenchFixture {
    static final String DEMO_PASSWORD = "mentoring-demo-2026";
    static final String DEMO_DOMAIN = "demo.chaperone.test";
    private static final int MAX_PAIRINGS = 200;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    private BenchFixture(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public static void main(String[] args) throws Exception {
        int port = 0, pairings = 1;
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--http" -> port = Integer.parseInt(args[i + 1]);
                case "--pairings" -> pairings = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port <= 0 || out == null || pairings < 1 || pairings > MAX_PAIRINGS) {
            throw new IllegalArgumentException("usage: BenchFixture --http PORT --pairings 1.." + MAX_PAIRINGS + " --out DIR");
        }
        new BenchFixture(port).prepare(pairings, out);
    }

    private void prepare(int count, Path out) throws IOException, InterruptedException {
        String admin = signIn("admin@" + DEMO_DOMAIN, DEMO_PASSWORD);
        String programme = call("GET", "/api/v1/programmes", admin, null, 200).getJsonArray("items").getJsonObject(0).getString("id");
        call("PATCH", "/api/v1/programmes/" + programme, admin, new JsonObject().put("policy",
                new JsonObject().put("quietHours", new JsonObject().put("start", "00:00").put("end", "00:00"))), 200);
        List<String> pairs = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        // The demo's adult pairing first: Jo (mentor) writes to Sam (19).
        String jo = signIn("mentor.jo@" + DEMO_DOMAIN, DEMO_PASSWORD);
        JsonObject demo = call("GET", "/api/v1/pairings", jo, null, 200).getJsonArray("items").getJsonObject(0);
        pairs.add("mentor.jo@" + DEMO_DOMAIN + " " + relay(demo, "mentee"));
        targets.add(demo.getString("id") + " " + jo);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i < count; i++) {
            String password = "Bench-" + UUID.randomUUID();
            String mentor = "bench-" + run + "-mentor" + i + "@load.example";
            String mentee = "bench-" + run + "-mentee" + i + "@load.example";
            String mentorId = user(admin, mentor, "mentor", password);
            String menteeId = user(admin, mentee, "mentee", password);
            String id = call("POST", "/api/v1/pairings", admin, new JsonObject().put("programmeId", programme)
                    .put("mentorId", mentorId).put("menteeId", menteeId)
                    .put("menteeDateOfBirth", LocalDate.now().minusYears(30).toString()), 201).getString("id");
            JsonObject pairing = call("GET", "/api/v1/pairings/" + id, admin, null, 200);
            pairs.add(mentor + " " + relay(pairing, "mentee"));
            targets.add(id + " " + signIn(mentor, password));
        }
        Files.createDirectories(out);
        Files.write(out.resolve("pairs.txt"), pairs);
        Files.write(out.resolve("api-targets.txt"), targets);
        System.out.println("prepared " + count + " pairing(s) under " + out);
    }

    private String user(String admin, String email, String role, String password) throws IOException, InterruptedException {
        return call("POST", "/api/v1/users", admin, new JsonObject().put("email", email).put("name", email.split("@")[0])
                .put("role", role).put("password", password), 201).getString("id");
    }

    private String signIn(String email, String password) throws IOException, InterruptedException {
        return call("POST", "/api/v1/auth/token", null, new JsonObject().put("email", email).put("password", password), 200)
                .getString("token");
    }

    private static String relay(JsonObject pairing, String role) {
        JsonArray all = pairing.getJsonArray("relayAddresses");
        for (int i = 0; i < all.size(); i++) {
            if (role.equals(all.getJsonObject(i).getString("role"))) return all.getJsonObject(i).getString("address");
        }
        throw new IllegalStateException("pairing " + pairing.getString("id") + " has no " + role + " relay address");
    }

    private JsonObject call(String method, String path, String token, JsonObject body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
                .header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return new JsonObject(r.body());
    }
}
