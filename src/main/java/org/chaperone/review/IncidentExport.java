package org.chaperone.review;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * The incident record as a file: CSV for spreadsheets and case systems, and a printable HTML page.
 * Every value is written through a library that escapes it (commons-csv quoting; jsoup text nodes),
 * so a record quoting a message with {@code <script>} shows the characters and runs nothing. The page
 * carries its own policy: no scripts at all, only its one stylesheet (allowed by hash).
 */
public final class IncidentExport {
    /** One record with the names a reader needs. */
    public record Row(IncidentRecord record, String actor, String programme, String pairing) {}

    public static final List<String> COLUMNS = List.of("recorded_at", "type", "summary", "actor", "actor_role",
            "programme", "pairing", "pairing_id", "message_id", "refers_to", "record_id");

    static final String STYLE = "body{font:11pt/1.4 system-ui,sans-serif;margin:1.5em;color:#111}"
            + "h1{font-size:1.4em;margin:0 0 .3em}p.scope{margin:0 0 1em;color:#333}"
            + "table{border-collapse:collapse;width:100%}thead{display:table-header-group}"
            + "th,td{border:1px solid #888;padding:.3em .45em;text-align:left;vertical-align:top}"
            + "th{background:#eee}tr{page-break-inside:avoid}td.when{white-space:nowrap}"
            + "@page{margin:1.5cm}@media print{body{margin:0}}";
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE) + "'; "
            + "img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    private IncidentExport() {}

    public static String csv(List<Row> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get())) {
            for (Row row : rows) {
                IncidentRecord r = row.record();
                printer.printRecord(ISO.format(r.at()), r.type(), cell(r.summary()), cell(row.actor()), r.actorRole(),
                        cell(row.programme()), cell(row.pairing()), r.pairingId(), r.messageId(), r.refersTo(), r.id());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A spreadsheet treats a cell starting with = + - @ (or a tab or return) as a formula; names and
     * summaries come from people, so such a cell is prefixed with an apostrophe (OWASP "CSV injection").
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) return value;
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }

    public static String html(List<Row> rows, String title, String scope, Instant generatedAt, String generatedBy) {
        Document doc = Document.createShell("");
        doc.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
        Element head = doc.head();
        head.appendElement("meta").attr("charset", "utf-8");
        head.appendElement("meta").attr("http-equiv", "Content-Security-Policy").attr("content", CONTENT_SECURITY_POLICY);
        head.appendElement("title").text(title);
        head.appendElement("style").appendChild(new DataNode(STYLE));
        doc.selectFirst("html").attr("lang", "en");
        Element body = doc.body();
        body.appendElement("h1").text(title);
        body.appendElement("p").addClass("scope").text(scope + " \u2014 " + rows.size() + " record" + (rows.size() == 1 ? "" : "s")
                + ", produced " + ISO.format(generatedAt) + " by " + generatedBy + ". Records are never edited or deleted; "
                + "a correction is a later record that refers to the one it corrects.");
        Element table = body.appendElement("table");
        table.appendElement("caption").text("Incident records, oldest first");
        Element headRow = table.appendElement("thead").appendElement("tr");
        for (String h : List.of("When (UTC)", "Type", "What happened", "Who", "Programme", "Pairing", "Message", "Record", "Corrects")) {
            headRow.appendElement("th").attr("scope", "col").text(h);
        }
        Element tbody = table.appendElement("tbody");
        for (Row row : rows) {
            IncidentRecord r = row.record();
            Element tr = tbody.appendElement("tr");
            tr.appendElement("td").addClass("when").text(ISO.format(r.at()));
            tr.appendElement("td").text(r.type().replace('_', ' '));
            tr.appendElement("td").text(nz(r.summary()));
            tr.appendElement("td").text(nz(row.actor()) + (r.actorRole() == null ? "" : " (" + r.actorRole().replace('_', ' ') + ")"));
            tr.appendElement("td").text(nz(row.programme()));
            tr.appendElement("td").text(nz(row.pairing()));
            tr.appendElement("td").text(nz(r.messageId()));
            tr.appendElement("td").text(r.id());
            tr.appendElement("td").text(nz(r.refersTo()));
        }
        return "<!DOCTYPE html>\n" + doc.outerHtml();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
