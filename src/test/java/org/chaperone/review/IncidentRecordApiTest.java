package org.chaperone.review;

import io.vertx.core.json.JsonObject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.chaperone.testing.Api;
import org.chaperone.testing.TestGateway;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The written record: append-only, corrected by new records, exported as CSV and as a printable page. */
class IncidentRecordApiTest {
    static TestGateway gw;
    static ReviewFixture f;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        f = new ReviewFixture(gw);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void recordsCannotBeChangedOrDeletedOnlyCorrectedByANewRecord() {
        String id = f.heldFromAlex(ReviewFixture.marker(), Duration.ZERO);
        JsonObject held = ReviewFixture.objects(f.incidents(f.manager, "type=message_held")).stream()
                .filter(r -> id.equals(r.getString("messageId"))).findFirst().orElseThrow();
        String path = "/api/v1/incidents/" + held.getString("id");
        for (Api.Response r : List.of(
                f.api().patch(path, f.admin, new JsonObject().put("summary", "nothing happened")),
                f.api().delete(path, f.admin),
                f.api().raw("PUT", path, f.admin, "application/json", "{\"summary\":\"nothing\"}"),
                f.api().delete("/api/v1/incidents", f.admin),
                f.api().delete(path, f.dsl))) {
            assertTrue(r.status() == 404 || r.status() == 405, "no route edits or deletes a record: " + r);
        }
        assertEquals(held, f.api().get(path, f.manager).json(), "the record is exactly as it was");

        Api.Response correction = f.api().post(path + "/corrections", f.manager,
                new JsonObject().put("summary", "The number was the school office's, not Alex's own."));
        assertEquals(201, correction.status(), correction.toString());
        assertEquals(held.getString("id"), correction.json().getString("refersTo"));
        assertEquals("correction", correction.json().getString("type"));
        assertEquals(id, correction.json().getString("messageId"));
        assertEquals(held, f.api().get(path, f.manager).json(), "the corrected record is unchanged");
        assertEquals(400, f.api().post(path + "/corrections", f.manager, new JsonObject()).status());
    }

    @Test
    void theCsvExportHasOneRowPerRecordOfThePairingAndDates() throws Exception {
        String id = f.heldFromAlex(ReviewFixture.marker(), Duration.ZERO);
        assertEquals(200, f.decide(f.manager, id, "note", "=HYPERLINK(\"http://evil.example\")").status());
        assertEquals(200, f.decide(f.manager, id, "reject", "Not allowed").status());
        String pairing = f.rubyPairing.getString("id");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String query = "pairing=" + pairing + "&from=" + today + "&to=" + today;

        Api.Response csv = f.api().get("/api/v1/incidents/export.csv?" + query, f.manager);
        assertEquals(200, csv.status(), csv.toString());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename=\"incident-record-"));
        List<CSVRecord> rows;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv.body()))) {
            assertEquals(org.chaperone.review.IncidentExport.COLUMNS, parser.getHeaderNames());
            rows = parser.getRecords();
        }
        List<JsonObject> listed = ReviewFixture.objects(f.incidents(f.manager, query));
        assertEquals(listed.size(), rows.size());
        assertEquals(listed.stream().map(r -> r.getString("id")).toList(), rows.stream().map(r -> r.get("record_id")).toList());
        assertTrue(rows.stream().allMatch(r -> r.get("pairing_id").equals(pairing)));
        CSVRecord rejected = rows.stream().filter(r -> id.equals(r.get("message_id")) && r.get("type").equals("message_rejected"))
                .findFirst().orElseThrow();
        assertEquals("Priya Shah", rejected.get("actor"));
        assertEquals("Alex Morgan \u2194 Ruby (15)", rejected.get("pairing"));
        assertTrue(rejected.get("summary").endsWith("Note: Not allowed"));
        CSVRecord note = rows.stream().filter(r -> id.equals(r.get("message_id")) && r.get("type").equals("note")).findFirst().orElseThrow();
        assertFalse(note.get("summary").startsWith("="), "no cell starts a spreadsheet formula");

        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        Api.Response none = f.api().get("/api/v1/incidents/export.csv?pairing=" + pairing + "&from=" + tomorrow, f.manager);
        assertEquals(1, none.body().strip().lines().count(), "only the header: nothing recorded after today");
        Api.Response bad = f.api().get("/api/v1/incidents/export.csv?from=yesterday", f.manager);
        assertEquals(400, bad.status());
        assertTrue(bad.reasonFor("from").contains("YYYY-MM-DD"));
    }

    @Test
    void thePrintablePageShowsScriptPayloadsAsTextAndRunsNothing() {
        String id = f.heldFromAlex(ReviewFixture.marker(), Duration.ZERO);
        String payload = "<script>alert('x')</script><img src=x onerror=\"alert(1)\">";
        assertEquals(200, f.decide(f.manager, id, "note", payload).status());

        Api.Response page = f.api().get("/api/v1/incidents/export.html?pairing=" + f.rubyPairing.getString("id"), f.dsl);
        assertEquals(200, page.status(), page.toString());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.startsWith("default-src 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("script-src"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElseThrow());
        assertFalse(page.body().contains("<script>alert"), "the payload is escaped, not markup");
        Document doc = Jsoup.parse(page.body());
        assertTrue(doc.select("script").isEmpty());
        assertTrue(doc.select("img").isEmpty());
        assertTrue(doc.select("[onerror]").isEmpty());
        assertTrue(doc.select("td").eachText().stream().anyMatch(t -> t.endsWith("Note: " + payload)), "shown as the text it is");
        assertEquals("Incident record \u2014 Demo Mentoring Trust", doc.title());
        assertTrue(doc.select("meta[http-equiv=Content-Security-Policy]").attr("content").equals(csp), "the saved file keeps its policy");
    }

    @Test
    void exportsAreInTheAuditLog() {
        assertEquals(200, f.api().get("/api/v1/incidents/export.csv", f.dsl).status());
        Api.Response log = f.api().get("/api/v1/audit?action=export_incidents", f.admin);
        assertTrue(ReviewFixture.objects(log.items()).stream().anyMatch(e -> e.getString("actor").equals("Dana Whitfield")), log.toString());
    }
}
