package org.chaperone.screening.concern;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The team's own labelled messages (src/test/resources/concerns/labelled.jsonl, in screen-eval's
 * format): phrasings other than the development set's, and many harmless look-alikes. Each
 * message must get exactly the expected categories from the shipped library.
 */
class LabelledConcernSetTest {
    private static ConcernScreener screener;

    @BeforeAll
    static void start() {
        screener = new ConcernScreener(ConcernLibrary.load(LibraryFiles.shipped()));
    }

    @AfterAll
    static void stop() {
        screener.close();
    }

    static List<Arguments> cases() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                LabelledConcernSetTest.class.getResourceAsStream("/concerns/labelled.jsonl"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) continue;
                JsonNode c = json.readTree(line);
                Set<String> expected = new TreeSet<>();
                c.get("expect_concerns").forEach(e -> expected.add(e.asText()));
                out.add(Arguments.of(c.get("id").asText(), c.get("text").asText(), expected));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void getsExactlyTheExpectedCategories(String id, String text, Set<String> expected) {
        Set<String> found = screener.match(text).stream().map(m -> m.category().wireName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, found, text);
    }
}
