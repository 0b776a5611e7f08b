package org.chaperone.ingress.smtp;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Timeouts, connection caps and stopping: each on its own server with the limit under test. */
class SmtpLimitsTest {

    @Test
    void anIdleClientIsToldAndDisconnected() {
        try (SmtpFixture smtp = SmtpFixture.settings().idleTimeoutSeconds(1).start();
             RawSmtpClient c = smtp.connect()) {
            c.expectReply("220");
            c.expect("EHLO client.example", "250");
            c.expectReply("421 4.4.2");
            assertEquals("", c.awaitClose());
        }
    }

    @Test
    void tricklingPartOfACommandDoesNotKeepTheConnectionOpen() {
        try (SmtpFixture smtp = SmtpFixture.settings().idleTimeoutSeconds(1).start();
             RawSmtpClient c = smtp.connect()) {
            c.expectReply("220");
            c.send("NO"); // never finished
            c.expectReply("421 4.4.2");
            assertEquals("", c.awaitClose());
        }
    }

    @Test
    void aClientThatPipelinesButNeverReadsIsDisconnected() throws Exception {
        try (SmtpFixture smtp = SmtpFixture.settings().idleTimeoutSeconds(1).start();
             RawSmtpClient c = smtp.connect()) {
            c.expectReply("220");
            // Replies nobody reads: the server's writes back up, then the client's, however large the
            // socket buffers. The client writes until the server closes the connection on it.
            String chunk = "NOOP\r\n".repeat(10_000);
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                while (true) c.send(chunk);
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> flood.get(30, TimeUnit.SECONDS));
            assertInstanceOf(UncheckedIOException.class, e.getCause(), "the server closed the connection");
        }
    }

    @Test
    void dataThatNeverEndsTimesOut() {
        try (SmtpFixture smtp = SmtpFixture.settings().dataTimeoutSeconds(1).start();
             RawSmtpClient c = smtp.connect()) {
            c.expectReply("220");
            c.expect("EHLO client.example", "250");
            c.expect("MAIL FROM:<a@example.org>", "250");
            c.expect("RCPT TO:<abc@relay.test>", "250");
            c.expect("DATA", "354");
            c.send("Subject: slow\r\n\r\nand then nothing");
            c.expectReply("421 4.4.2");
            assertEquals("", c.awaitClose());
            assertTrue(smtp.handler.stored.isEmpty());
        }
    }

    @Test
    void connectionsOverTheCapAreTurnedAwayAndSlotsComeBack() {
        try (SmtpFixture smtp = SmtpFixture.settings().maxConnections(2, 2).start()) {
            RawSmtpClient first = smtp.connect();
            RawSmtpClient second = smtp.connect();
            first.expectReply("220");
            second.expectReply("220");
            try (RawSmtpClient third = smtp.connect()) {
                third.expectReply("421 4.7.0");
                assertEquals("", third.awaitClose());
            }
            first.expect("QUIT", "221");
            first.awaitClose();
            first.close();
            // The slot is released when the server sees the close; the next client may still race it.
            RawSmtpClient again = connectUntilGreeted(smtp);
            again.expect("NOOP", "250");
            again.close();
            second.close();
        }
    }

    @Test
    void oneClientCannotTakeEverySlot() {
        try (SmtpFixture smtp = SmtpFixture.settings().maxConnections(10, 1).start();
             RawSmtpClient first = smtp.connect();
             RawSmtpClient second = smtp.connect()) {
            first.expectReply("220");
            second.expectReply("421 4.7.0");
        }
    }

    @Test
    void stoppingSays421ToIdleClientsAndStopsListening() throws Exception {
        SmtpFixture smtp = SmtpFixture.settings().start();
        try (RawSmtpClient c = smtp.connect()) {
            c.expectReply("220");
            c.expect("EHLO client.example", "250");
            CompletableFuture<Void> stopped = smtp.server.stop().toCompletionStage().toCompletableFuture();
            c.expectReply("421 4.3.2");
            assertEquals("", c.awaitClose());
            SmtpFixture.await(stopped);
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", smtp.port).close());
        } finally {
            smtp.close();
        }
    }

    @Test
    void stoppingLetsAMessageBeingStoredGetItsReplyFirst() {
        SmtpFixture smtp = SmtpFixture.settings().start();
        CompletableFuture<Void> storage = new CompletableFuture<>();
        smtp.handler.dataGate.set(storage);
        try (RawSmtpClient c = smtp.connect()) {
            c.expectReply("220");
            c.expect("EHLO client.example", "250");
            c.expect("MAIL FROM:<a@example.org>", "250");
            c.expect("RCPT TO:<abc@relay.test>", "250");
            c.expect("DATA", "354");
            c.send("in flight\r\n.\r\n");
            awaitCall(smtp.handler, "DATA");
            CompletableFuture<Void> stopped = smtp.server.stop().toCompletionStage().toCompletableFuture();
            storage.complete(null);
            c.expectReply("250 2.0.0");
            c.expectReply("421 4.3.2");
            c.awaitClose();
            SmtpFixture.await(stopped);
            assertEquals("in flight\r\n", smtp.handler.last().text());
        } finally {
            smtp.close();
        }
    }

    private static RawSmtpClient connectUntilGreeted(SmtpFixture smtp) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            RawSmtpClient c = smtp.connect();
            String reply = c.reply();
            if (reply.startsWith("220")) return c;
            c.close();
            Thread.onSpinWait();
        }
        throw new AssertionError("no free connection slot within the deadline");
    }

    private static void awaitCall(RecordingHandler handler, String call) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!handler.calls.contains(call)) {
            if (System.nanoTime() > deadline) throw new AssertionError("handler never asked: " + call);
            Thread.onSpinWait();
        }
    }
}
