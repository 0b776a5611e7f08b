package org.chaperone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.chaperone.screening.Screening;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScreenCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> run(byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ScreenCommand(new Screening(ScreenCommand.settings())).run(new ByteArrayInputStream(input), out);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static List<JsonNode> run(String input) throws IOException {
        return run(input.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneResultLinePerInputLineInOrder() throws IOException {
        List<JsonNode> out = run("""
                {"id": "a", "text": "my phone is 07123 456789", "mentee_age": 15}
                {"id": "b", "text": "Session 4 is on 21/11 at 17:00"}
                {"id": 3, "text": "linkedin.com/in/amy-jones-dev", "mentee_age": 21}
                {"id": "d", "text": "linkedin.com/in/amy-jones-dev", "mentee_age": 16}
                """);
        assertEquals(4, out.size());
        assertEquals("a", out.get(0).get("id").asText());
        assertEquals("hold", out.get(0).get("verdict").asText());
        assertEquals("phone", out.get(0).get("contacts").get(0).get("kind").asText());
        assertEquals("07123 456789", out.get(0).get("contacts").get(0).get("text").asText());
        assertEquals(12, out.get(0).get("contacts").get(0).get("start").asInt());
        assertEquals(0, out.get(0).get("concerns").size());
        assertEquals("deliver", out.get(1).get("verdict").asText());
        assertEquals(0, out.get(1).get("contacts").size());
        assertEquals(3, out.get(2).get("id").asInt());
        assertEquals("deliver", out.get(2).get("verdict").asText());
        assertEquals("hold", out.get(3).get("verdict").asText());
    }

    @Test
    void malformedLinesGetAnErrorLineAndTheRunGoesOn() throws IOException {
        List<JsonNode> out = run("""
                not json at all
                {"id": "x"}
                [1, 2, 3]
                {"id": "y", "text": "hi", "mentee_age": "fifteen"}

                {"id": "z", "text": "amy at hotmail dot com"}
                """);
        assertEquals(5, out.size());
        for (int i = 0; i < 4; i++) {
            assertTrue(out.get(i).has("error"), out.get(i).toString());
            assertEquals("hold", out.get(i).get("verdict").asText());
        }
        assertEquals("x", out.get(1).get("id").asText());
        assertEquals("email", out.get(4).get("contacts").get(0).get("kind").asText());
    }

    @Test
    void invalidUtf8AndBinaryBytesStillGetAnswers() throws IOException {
        byte[] prefix = "{\"id\": \"bin\", \"text\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] junk = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, '0', '7', '7', '0', '0', ' ', '9', '0', '0', '1', '2', '3'};
        byte[] suffix = "\"}\n\u0000\u0001\u0002\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write(prefix);
        in.write(junk);
        in.write(suffix);
        List<JsonNode> out = run(in.toByteArray());
        assertEquals(2, out.size());
        assertEquals("phone", out.get(0).get("contacts").get(0).get("kind").asText());
        assertTrue(out.get(1).has("error"));
    }

    /** The real thing: a separate JVM reading stdin and writing stdout, as scripts/screen runs it. */
    @Test
    void runsAsAProcessOverStdinAndStdout() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ScreenCommand.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            input.append(JSON.writeValueAsString(Map.of("id", "m" + i,
                    "text", i % 2 == 0 ? "snap me - jake_" + i : "See you on 12/03 at 4pm in room " + i))).append('\n');
        }
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(input.toString().getBytes(StandardCharsets.UTF_8));
        }
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "screen did not finish");
        assertEquals(0, p.exitValue());
        String[] lines = stdout.split("\n");
        assertEquals(2000, lines.length);
        for (int i = 0; i < 2000; i++) {
            JsonNode o = JSON.readTree(lines[i]);
            assertEquals("m" + i, o.get("id").asText());
            assertEquals(i % 2 == 0 ? "hold" : "deliver", o.get("verdict").asText(), lines[i]);
        }
    }
}
