package org.chaperone.screening.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our own labelled messages (labelled-cases.jsonl, phrased differently from the development
 * corpus): every disguised contact detail is found with the expected kind, and every harmless
 * mentoring message (dates, prices, scores, helplines, public links, "at" and "dot" in sentences)
 * passes untouched.
 */
class LabelledCasesTest {
    private static final ContactScreener SCREENER = new ContactScreener(ContactSettings.defaults());

    record Case(String id, String text, int age, Set<ContactKind> expected) {}

    static List<Case> cases() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Case> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                LabelledCasesTest.class.getResourceAsStream("labelled-cases.jsonl")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode n = json.readTree(line);
                Set<ContactKind> kinds = EnumSet.noneOf(ContactKind.class);
                n.get("expect_contact").forEach(k -> kinds.add(ContactKind.fromWireName(k.asText())));
                out.add(new Case(n.get("id").asText(), n.get("text").asText(), n.get("mentee_age").asInt(), kinds));
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> eachLabelledMessageIsJudgedAsLabelled() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.id() + " " + c.text(), () -> {
            List<ContactFinding> found = SCREENER.find(c.text(), ContactContext.forMenteeAge(c.age()));
            Set<ContactKind> kinds = found.stream().map(ContactFinding::kind).collect(Collectors.toSet());
            if (c.expected().isEmpty()) {
                assertEquals(List.of(), found, "harmless message flagged");
            } else {
                assertTrue(kinds.containsAll(c.expected()), "expected " + c.expected() + " but found " + found);
            }
        }));
    }

    @Test
    void theLabelledSetIsLargeAndBalanced() throws IOException {
        List<Case> all = cases();
        long positives = all.stream().filter(c -> !c.expected().isEmpty()).count();
        assertTrue(positives >= 100, "positives: " + positives);
        assertTrue(all.size() - positives >= 100, "negatives: " + (all.size() - positives));
        for (ContactKind k : ContactKind.values()) {
            assertTrue(all.stream().anyMatch(c -> c.expected().contains(k)), "no case for " + k);
        }
    }
}
