package org.chaperone.ingress.smtp;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataReaderTest {

    @Test
    void unstuffsLeadingDotsAndStopsAtTheLoneDot() {
        DataReader r = read(1000, "Subject: x\r\n\r\n..hidden\r\n...\r\n.\r\nnot read\r\n");
        assertNull(r.refusal());
        assertEquals("Subject: x\r\n\r\n.hidden\r\n..\r\n", r.message().toString(StandardCharsets.US_ASCII));
    }

    @Test
    void anEmptyMessageEndsAtOnce() {
        DataReader r = read(1000, ".\r\n");
        assertEquals(0, r.message().length());
    }

    @Test
    void onlyCrlfDotCrlfEndsTheData() {
        DataReader r = new DataReader(1000, 100);
        assertEquals(false, feed(r, "a\n.\r\nb\r\n.\n"), "bare LF before or after the dot is not an end");
        assertEquals(false, feed(r, ".\r\n"), "the dot must follow a CRLF");
        assertTrue(feed(r, "c\r\n.\r\n"));
        assertEquals(554, r.refusal().code());
    }

    @Test
    void aBareCrInsideALineRefusesTheMessage() {
        DataReader r = read(1000, "a\rb\r\n.\r\n");
        assertEquals("5.6.0", r.refusal().enhanced());
    }

    @Test
    void anOversizeMessageIsCountedToTheEndButNeverHeld() {
        DataReader r = new DataReader(10_000, 1000);
        String line = "x".repeat(998) + "\r\n";
        List<Line> lines = new ArrayList<>();
        LineFramer framer = new LineFramer(1000, lines::add);
        for (int i = 0; i < 5_000; i++) {
            framer.feed(Buffer.buffer(line));
            for (Line l : lines) r.accept(l);
            lines.clear();
            assertTrue(r.bufferedBytes() <= 10_000);
        }
        framer.feed(Buffer.buffer(".\r\n"));
        assertTrue(r.accept(lines.getFirst()));
        assertEquals(5_000L * 1000, r.size());
        assertEquals(552, r.refusal().code());
        assertEquals("5.3.4", r.refusal().enhanced());
    }

    @Test
    void aLineOverTheLimitRefusesTheMessageAfterItsEnd() {
        DataReader r = read(100_000, "ok\r\n" + "y".repeat(2000) + "\r\nstill read\r\n.\r\n");
        assertEquals(554, r.refusal().code());
        assertEquals("5.6.0", r.refusal().enhanced());
    }

    private static DataReader read(long max, String data) {
        DataReader r = new DataReader(max, 1000);
        assertTrue(feed(r, data), "end of data expected");
        return r;
    }

    private static boolean feed(DataReader r, String data) {
        List<Line> lines = new ArrayList<>();
        new LineFramer(1000, lines::add).feed(Buffer.buffer(data.getBytes(StandardCharsets.ISO_8859_1)));
        for (Line l : lines) {
            if (r.accept(l)) return true;
        }
        return false;
    }
}
