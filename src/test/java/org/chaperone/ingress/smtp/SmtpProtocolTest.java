package org.chaperone.ingress.smtp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conversation at byte level: what RFC 5321 and the limits say a client gets. */
class SmtpProtocolTest {
    private static SmtpFixture smtp;

    @BeforeAll
    static void start() {
        smtp = SmtpFixture.start(); // 10,000-byte messages, 3 recipients, 1000-byte lines
    }

    @AfterAll
    static void stop() {
        smtp.close();
    }

    @BeforeEach
    void reset() {
        smtp.handler.stored.clear();
        smtp.handler.failData.set(false);
    }

    @Test
    void ehloAdvertisesTheExtensionsAndTheSizeLimitButNotStarttlsWithoutACertificate() {
        try (RawSmtpClient c = smtp.connect()) {
            c.expectReply("220 mx.chaperone.test ESMTP");
            String ehlo = c.expect("EHLO client.example", "250-mx.chaperone.test");
            List<String> lines = ehlo.lines().map(l -> l.substring(4)).toList();
            assertTrue(lines.containsAll(List.of("PIPELINING", "SIZE 10000", "8BITMIME", "ENHANCEDSTATUSCODES")), ehlo);
            assertFalse(ehlo.contains("STARTTLS"), ehlo);
            c.expect("STARTTLS", "502 5.5.1");
            c.expect("HELO client.example", "250 mx.chaperone.test");
            c.expect("QUIT", "221 2.0.0");
            assertEquals("", c.awaitClose());
        }
    }

    @Test
    void aMessageArrivesDotUnstuffedWithItsEnvelope() {
        try (RawSmtpClient c = greeted()) {
            c.expect("mail from:<mentor@example.org> BODY=8BITMIME SIZE=200", "250");
            c.expect("rcpt to:<abc123@relay.test>", "250");
            c.expect("data", "354");
            c.send("Subject: dots\r\n\r\n..leading dot\r\n...\r\n.\r\n");
            c.expectReply("250 2.0.0");
            RecordingHandler.Stored m = smtp.handler.last();
            assertEquals("mentor@example.org", m.reversePath());
            assertEquals(List.of("abc123@relay.test"), m.recipients());
            assertEquals("Subject: dots\r\n\r\n.leading dot\r\n..\r\n", m.text());
            assertEquals("client.example", m.session().heloName());
            assertFalse(m.session().tls());
        }
    }

    @Test
    void theNullSenderIsPassedAsAnEmptyReversePath() {
        try (RawSmtpClient c = greeted()) {
            c.expect("MAIL FROM:<>", "250");
            c.expect("RCPT TO:<bounce1@relay.test>", "250");
            sendMessage(c, "Subject: delivery status\r\n\r\nreturned\r\n");
            assertEquals("", smtp.handler.last().reversePath());
        }
    }

    @Test
    void sourceRoutesAndQuotedLocalPartsReachTheHandlerAsMailboxes() {
        try (RawSmtpClient c = greeted()) {
            c.expect("MAIL FROM:<\"john q. mentor\"@example.org>", "250");
            c.expect("RCPT TO:<@hop.example:abc@relay.test>", "250");
            sendMessage(c, "x\r\n");
            RecordingHandler.Stored m = smtp.handler.last();
            assertEquals("\"john q. mentor\"@example.org", m.reversePath());
            assertEquals(List.of("abc@relay.test"), m.recipients());
        }
    }

    @Test
    void commandsOutOfSequenceAre503() {
        try (RawSmtpClient c = smtp.connect()) {
            c.expectReply("220");
            c.expect("MAIL FROM:<a@example.org>", "503 5.5.1");
            c.expect("EHLO client.example", "250");
            c.expect("RCPT TO:<abc@relay.test>", "503 5.5.1");
            c.expect("DATA", "503 5.5.1");
            c.expect("MAIL FROM:<a@example.org>", "250");
            c.expect("DATA", "503 5.5.1");
            c.expect("MAIL FROM:<b@example.org>", "503 5.5.1");
            c.expect("RCPT TO:<nobody@elsewhere.example>", "550 5.1.1");
            c.expect("DATA", "554 5.5.1 No valid recipients");
            c.expect("RSET", "250");
            c.expect("RCPT TO:<abc@relay.test>", "503 5.5.1");
        }
    }

    @Test
    void unknownCommandsBadSyntaxAndLongLinesGetTheirCodesAndTheSessionGoesOn() {
        try (RawSmtpClient c = greeted()) {
            c.expect("FROB", "500 5.5.2");
            c.expect("EHLO", "501 5.5.4");
            c.expect("MAIL FROM:a@example.org", "501 5.5.4");
            c.expect("MAIL FROM:<a@example.org> SIZE=lots", "501 5.5.4");
            c.expect("MAIL FROM:<a@example.org> RET=HDRS", "555 5.5.4");
            c.expect("MAIL FROM:<a@@example.org>", "501 5.1.7");
            c.expect("NOOP " + "x".repeat(1200), "500 5.5.2");
            c.expect("noop", "250 2.0.0");
            c.expect("MAIL FROM:<a@example.org>", "250");
            c.expect("RCPT TO:<abc@relay.test> NOTIFY=NEVER", "555 5.5.4");
            c.expect("RCPT TO:<ab c@relay.test>", "501 5.1.3");
        }
    }

    @Test
    void bareLfEndsACommand() {
        try (RawSmtpClient c = smtp.connect()) {
            c.expectReply("220");
            c.send("EHLO lf.example\n");
            c.expectReply("250-");
            c.send("NOOP\n");
            c.expectReply("250");
        }
    }

    @Test
    void tooManyBadCommandsCloseTheConnection() {
        try (RawSmtpClient c = greeted()) {
            for (int i = 1; i < SmtpConnection.MAX_ERRORS; i++) c.expect("JUNK" + i, "500 5.5.2");
            c.expect("JUNK", "500 5.5.2");
            c.expectReply("421 4.7.0");
            assertEquals("", c.awaitClose());
        }
    }

    @Test
    void anHttpRequestOnTheSmtpPortIsTurnedAway() {
        try (RawSmtpClient c = smtp.connect()) {
            c.expectReply("220");
            c.send("POST / HTTP/1.1\r\nHost: x\r\n\r\n");
            c.expectReply("221 2.7.0");
            assertEquals("", c.awaitClose());
        }
    }

    @Test
    void vrfyAndExpnGiveNothingAway() {
        try (RawSmtpClient c = greeted()) {
            assertEquals("252 2.5.2 Cannot verify; send the message and we will try", c.command("VRFY abc@relay.test"));
            assertEquals(c.command("VRFY nobody@relay.test"), c.command("VRFY abc@relay.test"));
            c.expect("EXPN staff", "502 5.5.1");
            c.expect("HELP", "214");
        }
    }

    @Test
    void sizeDeclaredOverTheLimitIsRefusedAtMail() {
        try (RawSmtpClient c = greeted()) {
            c.expect("MAIL FROM:<a@example.org> SIZE=10001", "552 5.3.4");
            c.expect("MAIL FROM:<a@example.org> SIZE=10000", "250");
        }
    }

    @Test
    void anOversizeBodyIsReadToItsEndThenRefusedAndTheSessionGoesOn() {
        try (RawSmtpClient c = greeted()) {
            c.expect("MAIL FROM:<a@example.org>", "250");
            c.expect("RCPT TO:<abc@relay.test>", "250");
            c.expect("DATA", "354");
            String line = "y".repeat(998) + "\r\n";
            StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < 64; i++) chunk.append(line);
            for (int i = 0; i < 80; i++) c.send(chunk.toString()); // ~5 MB against a 10,000-byte limit
            c.send(".\r\n");
            c.expectReply("552 5.3.4");
            assertTrue(smtp.handler.stored.isEmpty(), "nothing of a refused message reaches the handler");
            c.expect("MAIL FROM:<a@example.org>", "250");
            c.expect("RCPT TO:<abc@relay.test>", "250");
            sendMessage(c, "small\r\n");
            assertEquals("small\r\n", smtp.handler.last().text());
        }
    }

    @Test
    void aDataLineOverTheLimitRefusesTheMessage() {
        try (RawSmtpClient c = greeted()) {
            c.expect("MAIL FROM:<a@example.org>", "250");
            c.expect("RCPT TO:<abc@relay.test>", "250");
            c.expect("DATA", "354");
            c.send("ok\r\n" + "z".repeat(1500) + "\r\nafter\r\n.\r\n");
            c.expectReply("554 5.6.0");
            c.expect("NOOP", "250");
            assertTrue(smtp.handler.stored.isEmpty());
        }
    }

    @Test
    void aBareLfInTheBodyRefusesTheMessageAndDoesNotEndIt() {
        try (RawSmtpClient c = greeted()) {
            c.expect("MAIL FROM:<a@example.org>", "250");
            c.expect("RCPT TO:<abc@relay.test>", "250");
            c.expect("DATA", "354");
            // "\n.\n" ends the data for some servers: here it is content, so nothing can be smuggled past it.
            c.send("Subject: one\r\n\r\nbody\n.\nMAIL FROM:<x@example.org>\r\n.\r\n");
            c.expectReply("554 5.6.0");
            c.expect("NOOP", "250");
            assertTrue(smtp.handler.stored.isEmpty());
        }
    }

    @Test
    void recipientsBeyondTheLimitAre452() {
        try (RawSmtpClient c = greeted()) {
            c.expect("MAIL FROM:<a@example.org>", "250");
            c.expect("RCPT TO:<r1@relay.test>", "250");
            c.expect("RCPT TO:<r2@relay.test>", "250");
            c.expect("RCPT TO:<r3@relay.test>", "250");
            c.expect("RCPT TO:<r4@relay.test>", "452 4.5.3");
            sendMessage(c, "to three\r\n");
            assertEquals(List.of("r1@relay.test", "r2@relay.test", "r3@relay.test"), smtp.handler.last().recipients());
        }
    }

    @Test
    void pipelinedCommandsInOneWriteAreAnsweredInOrderOneAtATime() {
        try (RawSmtpClient c = smtp.connect()) {
            c.expectReply("220");
            smtp.handler.maxInFlight.set(0);
            c.send("EHLO pipe.example\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<p1@relay.test>\r\n"
                    + "RCPT TO:<nobody@elsewhere.example>\r\nRCPT TO:<p2@relay.test>\r\nDATA\r\n");
            c.expectReply("250-mx.chaperone.test");
            c.expectReply("250");
            c.expectReply("250");
            c.expectReply("550 5.1.1");
            c.expectReply("250");
            c.expectReply("354");
            c.send("Subject: piped\r\n\r\nhello\r\n.\r\nMAIL FROM:<b@example.org>\r\nRCPT TO:<p3@relay.test>\r\nDATA\r\n");
            c.expectReply("250 2.0.0");
            c.expectReply("250");
            c.expectReply("250");
            c.expectReply("354");
            c.send("second\r\n.\r\nQUIT\r\n");
            c.expectReply("250 2.0.0");
            c.expectReply("221");
            assertEquals(1, smtp.handler.maxInFlight.get(), "the handler is asked one thing at a time");
            List<RecordingHandler.Stored> s = smtp.handler.stored;
            assertEquals(List.of("p1@relay.test", "p2@relay.test"), s.get(0).recipients());
            assertEquals("Subject: piped\r\n\r\nhello\r\n", s.get(0).text());
            assertEquals("b@example.org", s.get(1).reversePath());
            assertEquals("second\r\n", s.get(1).text());
        }
    }

    @Test
    void aFloodOfPipelinedCommandsIsAnsweredInFullAndInOrder() throws Exception {
        // Far more than the engine queues or the socket buffers hold: reading has to pause and resume.
        int commands = 20_000;
        String flood = "NOOP\r\nRSET\r\n".repeat(commands / 2);
        try (RawSmtpClient c = greeted()) {
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> c.send(flood));
            for (int i = 0; i < commands; i++) assertEquals("250 2.0.0 OK", c.reply(), "reply " + i);
            written.get(30, TimeUnit.SECONDS);
            c.expect("QUIT", "221");
        }
    }

    @Test
    void aBodyAndItsTerminatorSplitByteByByteArriveWhole() {
        byte[] body = "Subject: split\r\n\r\n\u00e9t\u00e9 8-bit\r\n.starts with a dot\r\n".getBytes(StandardCharsets.UTF_8);
        try (RawSmtpClient c = greeted()) {
            c.expect("MAIL FROM:<a@example.org>", "250");
            c.expect("RCPT TO:<abc@relay.test>", "250");
            c.expect("DATA", "354");
            byte[] stuffed = new String(body, StandardCharsets.ISO_8859_1).replace("\r\n.", "\r\n..")
                    .concat(".\r\n").getBytes(StandardCharsets.ISO_8859_1);
            for (byte b : stuffed) c.send(new byte[]{b});
            c.expectReply("250 2.0.0");
            assertArrayEquals(body, smtp.handler.last().message());
        }
    }

    @Test
    void aFailingHandlerMeans451NeverAcceptance() {
        try (RawSmtpClient c = greeted()) {
            smtp.handler.failData.set(true);
            c.expect("MAIL FROM:<a@example.org>", "250");
            c.expect("RCPT TO:<abc@relay.test>", "250");
            c.expect("DATA", "354");
            c.send("lost?\r\n.\r\n");
            assertEquals("451 4.3.0 Temporary failure, please retry", c.reply());
            smtp.handler.failData.set(false);
            c.expect("MAIL FROM:<a@example.org>", "250");
            c.expect("RCPT TO:<abc@relay.test>", "250");
            sendMessage(c, "retried\r\n");
            assertEquals("retried\r\n", smtp.handler.last().text());
        }
    }

    @Test
    void aRefusedSenderStartsNoTransaction() {
        try (RawSmtpClient c = greeted()) {
            c.expect("MAIL FROM:<banned@example.org>", "550 5.7.1");
            c.expect("RCPT TO:<abc@relay.test>", "503 5.5.1");
            c.expect("MAIL FROM:<fine@example.org>", "250");
        }
    }

    private static RawSmtpClient greeted() {
        RawSmtpClient c = smtp.connect();
        c.expectReply("220");
        c.expect("EHLO client.example", "250");
        return c;
    }

    private static void sendMessage(RawSmtpClient c, String message) {
        c.expect("DATA", "354");
        c.send(message + ".\r\n");
        c.expectReply("250 2.0.0");
    }
}
