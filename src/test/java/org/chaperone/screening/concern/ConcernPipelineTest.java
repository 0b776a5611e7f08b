package org.chaperone.screening.concern;

import io.vertx.core.json.JsonObject;
import org.bson.Document;
import org.chaperone.pipeline.Messages;
import org.chaperone.testing.Api;
import org.chaperone.testing.Await;
import org.chaperone.testing.Demo;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The concern library in the gateway: the policy table per programme, overrides, and reloading without a restart. */
class ConcernPipelineTest {

    @Test
    void theProgrammesPolicyTableDecidesWhatHappens(@TempDir Path dir) throws IOException {
        try (TestGateway gw = TestGateway.builder().env("CHAPERONE_SCREENING_CONCERNS_DIR", library(dir).toString()).start()) {
            Api api = gw.api();
            String alex = Demo.token(api, "mentor.alex");
            JsonObject pairing = Demo.pairingOf(api, alex);
            Api.Response held = send(api, alex, pairing, "this is just between you and me, ok? don't tell your mum");
            assertEquals("held", held.json().getString("state"), "a mentor's secrecy request is held by default: " + held);
            assertTrue(held.json().getJsonArray("reasons").encode().contains("secrecy"), held.toString());

            String admin = Demo.token(api, "admin");
            Api.Response patched = api.patch("/api/v1/programmes/" + pairing.getString("programmeId"), admin, new JsonObject()
                    .put("policy", new JsonObject().put("concernRules", new JsonObject().put("secrecy",
                            new JsonObject().put("mentor_to_mentee", new JsonObject().put("action", "deliver_flagged").put("urgent", true))))));
            assertEquals(200, patched.status(), patched.toString());
            Api.Response flagged = send(api, alex, pairing, "this is just between you and me, ok? don't tell your mum");
            assertEquals("queued", flagged.json().getString("state"), "now delivered and flagged: " + flagged);
            Document stored = gw.gateway().store().collection(Messages.COLLECTION).find(new Document("_id", flagged.json().getString("id"))).first();
            Document verdict = stored.get("verdict", Document.class);
            assertEquals("deliver_flagged", verdict.getString("action"));
            assertTrue(verdict.getBoolean("urgent"), "the programme made it urgent");

            Api.Response bad = api.patch("/api/v1/programmes/" + pairing.getString("programmeId"), admin, new JsonObject()
                    .put("policy", new JsonObject().put("concernRules", new JsonObject().put("astrology",
                            new JsonObject().put("mentor_to_mentee", new JsonObject().put("action", "hold"))))));
            assertEquals(400, bad.status());
            assertEquals("is not a concern category", bad.reasonFor("policy.concernRules.astrology"));
        }
    }

    @Test
    void aProgrammesOverridesAndLibraryEditsApplyWithoutARestart(@TempDir Path dir) throws IOException {
        Path library = library(dir);
        try (TestGateway gw = TestGateway.builder().env("CHAPERONE_SCREENING_CONCERNS_DIR", library.toString()).start()) {
            Api api = gw.api();
            String sam = Demo.token(api, "mentee.sam");
            JsonObject pairing = Demo.pairingOf(api, sam);
            assertEquals(0, categories(gw, send(api, sam, pairing, "the quidditch final is on saturday")).size());

            // The programme adds its own query.
            Path overrides = library.resolve("programmes").resolve(pairing.getString("programmeId") + ".yaml");
            Files.createDirectories(overrides.getParent());
            Files.writeString(overrides, "queries:\n  - id: quidditch\n    category: substances\n    query: quidditch\n    severity: low\n");
            Await.condition("the programme's own query to apply", Duration.ofSeconds(40), () ->
                    categories(gw, send(api, sam, pairing, "the quidditch final is on saturday")).contains("substances"));

            // An edit to the shared library that does not parse is refused; the previous library stays in force.
            Files.writeString(library.resolve("recording.yaml"), "id: recording\nqueries: [this is not: a list of queries\n",
                    StandardOpenOption.TRUNCATE_EXISTING);
            Await.condition("the broken edit to be refused", Duration.ofSeconds(30), () ->
                    api.get("/ready", null).json().getJsonObject("checks").getJsonObject("concerns").getString("detail")
                            .contains("refused"));
            assertTrue(categories(gw, send(api, sam, pairing, "I'm going to record our next session on my phone")).contains("recording"),
                    "the previous recording queries stay in force");
        }
    }

    private static Api.Response send(Api api, String token, JsonObject pairing, String text) {
        Api.Response r = api.post("/api/v1/pairings/" + pairing.getString("id") + "/messages", token, new JsonObject().put("text", text));
        assertEquals(202, r.status(), r.toString());
        return r;
    }

    private static java.util.List<String> categories(TestGateway gw, Api.Response sent) {
        Document stored = gw.gateway().store().collection(Messages.COLLECTION).find(new Document("_id", sent.json().getString("id"))).first();
        return stored.get("verdict", Document.class).getList("concerns", Document.class).stream().map(d -> d.getString("category")).toList();
    }

    /** A copy of the shipped library that a test may change. */
    private static Path library(Path dir) throws IOException {
        Path copy = dir.resolve("concerns");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(Path.of("config", "concerns"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        return copy;
    }
}
