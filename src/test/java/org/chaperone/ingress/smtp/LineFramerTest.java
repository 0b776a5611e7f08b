package org.chaperone.ingress.smtp;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineFramerTest {
    private final List<Line> lines = new ArrayList<>();
    private final LineFramer framer = new LineFramer(10, lines::add);

    @Test
    void splitsAtLfAndRemembersWhetherTheEndWasCrlf() {
        feed("EHLO a\r\nNOOP\nQUIT\r\n");
        assertEquals(List.of("EHLO a", "NOOP", "QUIT"), texts());
        assertEquals(List.of(true, false, true), lines.stream().map(Line::crlf).toList());
    }

    @Test
    void aLineAndItsCrlfMaySpanAnyNumberOfChunks() {
        for (byte b : "NO\r\nOP\r\n".getBytes(StandardCharsets.US_ASCII)) framer.feed(Buffer.buffer(new byte[]{b}));
        assertEquals(List.of("NO", "OP"), texts());
        assertTrue(lines.get(0).crlf());
        assertFalse(framer.holdsPartialLine());
    }

    @Test
    void anOverlongLineIsReportedOnceAndTheNextLineIsIntact() {
        feed("12345678\r\n"); // exactly ten bytes with its CRLF: allowed
        feed("1234567890");
        feed("1234567890\r\nNOOP\r\n");
        assertEquals(3, lines.size());
        assertFalse(lines.get(0).tooLong());
        assertTrue(lines.get(1).tooLong());
        assertTrue(lines.get(1).crlf());
        assertEquals("NOOP", lines.get(2).text());
    }

    @Test
    void eightBitBytesPassUntouched() {
        byte[] bytes = {(byte) 0xC3, (byte) 0xBC, 0x00, (byte) 0xFF, '\r', '\n'};
        framer.feed(Buffer.buffer(bytes));
        assertEquals(Buffer.buffer(new byte[]{(byte) 0xC3, (byte) 0xBC, 0x00, (byte) 0xFF}), lines.getFirst().content());
    }

    private void feed(String s) {
        framer.feed(Buffer.buffer(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private List<String> texts() {
        return lines.stream().map(Line::text).toList();
    }
}
