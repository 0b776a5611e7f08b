package org.chaperone.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.chaperone.screening.Screening;
import org.chaperone.screening.ScreeningResult;
import org.chaperone.screening.contact.ContactContext;
import org.chaperone.screening.contact.ContactFinding;
import org.chaperone.screening.contact.ContactSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * {@code scripts/screen}: screens JSON Lines from stdin with the gateway's own screening code and
 * configuration, one result line per input line, in order.
 *
 * <pre>
 * in:  {"id": "...", "text": "...", "mentee_age": 15}        (mentee_age optional: under 18)
 * out: {"id": "...", "contacts": [{"kind": "phone", "text": "...", "start": 12, "end": 25}],
 *       "concerns": [], "verdict": "deliver|deliver_flagged|hold"}
 * </pre>
 *
 * {@code start}/{@code end} are UTF-16 offsets into {@code text}. A line that is not a JSON object
 * with a string {@code text} gets {"id": ..., "error": "...", ..., "verdict": "hold"} and the run
 * goes on. Blank lines are skipped.
 */
public final class ScreenCommand {
    /** Longest input line accepted (characters); a longer one is answered with an error. */
    static final int MAX_LINE_CHARS = 32 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Screening screening;

    public ScreenCommand(Screening screening) {
        this.screening = screening;
    }

    /** The screening configuration; the gateway's configuration loader is the single source. */
    public static ContactSettings settings() {
        return ContactSettings.from(org.chaperone.config.ConfigLoader.load());
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.println("usage: scripts/screen < messages.jsonl > results.jsonl");
            System.out.println("  in:  {\"id\": \"...\", \"text\": \"...\", \"mentee_age\": 15}  (one object a line)");
            System.out.println("  out: {\"id\", \"contacts\": [{\"kind\", \"text\", \"start\", \"end\"}],"
                    + " \"concerns\": [], \"verdict\"}");
            return;
        }
        org.chaperone.config.GatewayConfig config = org.chaperone.config.ConfigLoader.load();
        org.chaperone.screening.concern.ConcernLibrary library =
                org.chaperone.screening.concern.ConcernLibrary.load(java.nio.file.Path.of(config.screening().concernsDir()));
        if (library.hasProblems()) {
            library.problems().forEach(p -> System.err.println("concern library: " + p));
            System.exit(2);
        }
        try (var concerns = new org.chaperone.screening.concern.ConcernScreener(library)) {
            new ScreenCommand(new Screening(ContactSettings.from(config), concerns)).run(System.in, System.out);
        }
    }

    /** Screens every line of {@code in} to {@code out}; returns the number of lines answered. */
    public long run(InputStream in, OutputStream out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        JsonGenerator gen = JSON.getFactory().createGenerator(writer);
        gen.setRootValueSeparator(null);
        long lines = 0;
        StringBuilder line = new StringBuilder(256);
        while (true) {
            int status = readLine(reader, line);
            if (status == EOF) break;
            if (status == TOO_LONG) {
                writeError(gen, null, "line longer than " + MAX_LINE_CHARS + " characters");
            } else if (!line.toString().isBlank()) {
                answer(line.toString(), gen);
            } else {
                continue;
            }
            gen.flush();
            writer.write('\n');
            lines++;
            if (!reader.ready()) writer.flush(); // interactive use: answer before waiting for more
        }
        gen.flush();
        writer.flush();
        return lines;
    }

    private static final int EOF = 0, OK = 1, TOO_LONG = 2;

    private static int readLine(Reader reader, StringBuilder line) throws IOException {
        line.setLength(0);
        boolean any = false;
        boolean tooLong = false;
        int c;
        while ((c = reader.read()) >= 0) {
            any = true;
            if (c == '\n') break;
            if (line.length() < MAX_LINE_CHARS) line.append((char) c);
            else tooLong = true;
        }
        if (!any) return EOF;
        if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') line.setLength(line.length() - 1);
        return tooLong ? TOO_LONG : OK;
    }

    private void answer(String line, JsonGenerator gen) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            writeError(gen, null, "not valid JSON: " + firstLine(e.getOriginalMessage()));
            return;
        }
        if (node == null || !node.isObject()) {
            writeError(gen, null, "each line must be a JSON object");
            return;
        }
        JsonNode id = node.get("id");
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            writeError(gen, id, "\"text\" must be a string");
            return;
        }
        JsonNode age = node.get("mentee_age");
        Integer menteeAge = null;
        if (age != null && !age.isNull()) {
            Double years = age.isNumber() ? Double.valueOf(age.asDouble()) : parseYears(age);
            if (years == null || years < 0 || years > 150) {
                writeError(gen, id, "\"mentee_age\" must be a number of years");
                return;
            }
            menteeAge = (int) Math.floor(years);
        }
        org.chaperone.pipeline.Direction direction = org.chaperone.pipeline.Direction.MENTOR_TO_MENTEE;
        JsonNode dir = node.get("direction");
        if (dir != null && !dir.isNull()) {
            try {
                direction = org.chaperone.pipeline.Direction.fromWire(dir.asText());
            } catch (IllegalArgumentException e) {
                writeError(gen, id, "\"direction\" must be mentor_to_mentee or mentee_to_mentor");
                return;
            }
        }
        ScreeningResult result;
        try {
            result = screening.screen(text.textValue(), ContactContext.forMenteeAge(menteeAge),
                    screening.contactScreener().settings().onContact(), direction);
        } catch (RuntimeException e) { // screening never throws; if it ever did, hold rather than stop
            writeError(gen, id, "screening failed: " + e);
            return;
        }
        gen.writeStartObject();
        writeId(gen, id);
        gen.writeArrayFieldStart("contacts");
        for (ContactFinding f : result.contacts()) {
            gen.writeStartObject();
            gen.writeStringField("kind", f.kind().wireName());
            gen.writeStringField("text", f.text());
            gen.writeNumberField("start", f.start());
            gen.writeNumberField("end", f.end());
            gen.writeEndObject();
        }
        gen.writeEndArray();
        writeConcerns(gen, result);
        gen.writeStringField("verdict", result.verdict().wireName());
        gen.writeEndObject();
    }

    /** One entry per category matched: its most serious match. */
    private static void writeConcerns(JsonGenerator gen, ScreeningResult result) throws IOException {
        gen.writeArrayFieldStart("concerns");
        for (org.chaperone.screening.concern.ConcernMatch m : result.concernsByCategory()) {
            gen.writeStartObject();
            gen.writeStringField("category", m.category().wireName());
            gen.writeStringField("severity", m.severity().wireName());
            gen.writeStringField("match", m.matchedText());
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }

    private static void writeError(JsonGenerator gen, JsonNode id, String error) throws IOException {
        gen.writeStartObject();
        writeId(gen, id);
        gen.writeStringField("error", error);
        gen.writeArrayFieldStart("contacts");
        gen.writeEndArray();
        gen.writeArrayFieldStart("concerns");
        gen.writeEndArray();
        gen.writeStringField("verdict", "hold");
        gen.writeEndObject();
    }

    private static void writeId(JsonGenerator gen, JsonNode id) throws IOException {
        gen.writeFieldName("id");
        if (id == null) gen.writeNull();
        else gen.writeTree(id);
    }

    /** "15" as well as 15. */
    private static Double parseYears(JsonNode age) {
        if (!age.isTextual()) return null;
        try {
            return Double.valueOf(age.textValue().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "parse error";
        int nl = s.indexOf('\n');
        return nl >= 0 ? s.substring(0, nl) : s;
    }
}
