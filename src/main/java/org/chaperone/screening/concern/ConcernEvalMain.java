package org.chaperone.screening.concern;

import org.chaperone.pipeline.Direction;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Screens JSON Lines for concerns only, in the output shape of {@code scripts/screen} with no
 * contact details: {@code {"id","contacts":[],"concerns":[{"category","severity","match"}],"verdict"}}.
 * Input lines are {@code {"id","text","mentee_age"}}, optionally with {@code "direction"}
 * ({@code mentor_to_mentee}, the default, or {@code mentee_to_mentor}).
 *
 * <p>Usage: {@code ConcernEvalMain [--library DIR] [--explain] [--check]}; {@code --explain} adds
 * the matching query ids; {@code --check} prints every query as parsed and exits. Used by {@code scripts/screen-concerns} to measure the library.
 */
public final class ConcernEvalMain {
    private ConcernEvalMain() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of("config", "concerns");
        boolean explain = false;
        boolean check = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--library" -> dir = Path.of(args[++i]);
                case "--explain" -> explain = true;
                case "--check" -> check = true;
                default -> {
                    System.err.println("unknown argument " + args[i] + "; usage: [--library DIR] [--explain] [--check]");
                    System.exit(2);
                }
            }
        }
        ConcernLibrary library = ConcernLibrary.load(dir);
        if (library.hasProblems()) {
            library.problems().forEach(p -> System.err.println("concern library: " + p));
            System.exit(1);
        }
        if (check) { // prints each query as Lucene reads it, for library authors
            library.enabledQueries().forEach(q -> System.out.println(q.id() + "\t" + library.parsedQuery(q.id())));
            return;
        }
        ObjectMapper json = new ObjectMapper();
        ConcernPolicy policy = ConcernPolicy.defaults();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (ConcernScreener screener = new ConcernScreener(library);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                JsonNode msg;
                try {
                    msg = json.readTree(line);
                } catch (JacksonException e) {
                    System.err.println("line " + lineNo + ": not JSON: " + e.getOriginalMessage());
                    continue;
                }
                Direction direction = "mentee_to_mentor".equals(msg.path("direction").asText())
                        ? Direction.MENTEE_TO_MENTOR : Direction.MENTOR_TO_MENTEE;
                List<ConcernMatch> matches = screener.match(msg.path("text").asText(""));
                out.println(json.writeValueAsString(result(json, msg.path("id").asText(), matches,
                        policy.outcome(matches, direction), explain)));
            }
        }
        out.flush();
    }

    private static ObjectNode result(ObjectMapper json, String id, List<ConcernMatch> matches, PolicyOutcome outcome,
                                     boolean explain) {
        ObjectNode o = json.createObjectNode();
        o.put("id", id);
        o.putArray("contacts");
        ArrayNode concerns = o.putArray("concerns");
        Map<Category, ConcernMatch> strongest = new LinkedHashMap<>(); // matches come most serious first
        matches.forEach(m -> strongest.putIfAbsent(m.category(), m));
        for (ConcernMatch m : strongest.values()) {
            ObjectNode c = concerns.addObject();
            c.put("category", m.category().wireName());
            c.put("severity", m.severity().wireName());
            c.put("match", m.matchedText());
            if (explain) {
                ArrayNode ids = c.putArray("queries");
                matches.stream().filter(x -> x.category() == m.category()).forEach(x -> ids.add(x.queryId()));
            }
        }
        o.put("verdict", switch (outcome.action()) {
            case DELIVER -> "deliver";
            case DELIVER_FLAGGED -> "deliver_flagged";
            case HOLD -> "hold";
        });
        return o;
    }
}
