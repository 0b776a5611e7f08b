package org.chaperone.ingress.smtp;

import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * swaks, the operator's SMTP test tool, against the engine (STARTTLS offered). swaks is a Debian package
 * that scripts/lib/test-deps.sh installs; without it these tests fail rather than skip.
 */
class SmtpSwaksTest {
    private static SelfSignedCertificate certificate;
    private static SmtpFixture smtp;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        requireSwaks();
        certificate = SelfSignedCertificate.create("localhost");
        smtp = SmtpFixture.settings().maxRecipients(5).tls(certificate.certificatePath(), certificate.privateKeyPath()).start();
    }

    @AfterAll
    static void stop() {
        if (smtp != null) smtp.close();
        if (certificate != null) certificate.delete();
    }

    @BeforeEach
    void reset() {
        smtp.handler.stored.clear();
    }

    @Test
    void aMessageFromAFileArrivesAsWritten() throws Exception {
        Path message = Files.writeString(dir.resolve("m.eml"),
                "From: mentor@example.org\nTo: abc@relay.test\nSubject: from swaks\n\nHello\n.a line with a leading dot\n..two\nBye\n");
        Result r = swaks("--from", "mentor@example.org", "--to", "abc@relay.test", "--data", "@" + message);
        assertEquals(0, r.exit(), r.output());
        RecordingHandler.Stored got = smtp.handler.last();
        assertEquals("mentor@example.org", got.reversePath());
        // swaks sends LF as CRLF, stuffs the dots, and ends the data with one more CRLF of its own.
        assertEquals("From: mentor@example.org\r\nTo: abc@relay.test\r\nSubject: from swaks\r\n\r\n"
                + "Hello\r\n.a line with a leading dot\r\n..two\r\nBye\r\n\r\n", got.text());
        assertEquals("swaks.example", got.session().heloName());
    }

    @Test
    void pipeliningSendsTheEnvelopeInOneGoAndRefusedRecipientsAreReported() {
        Result r = swaks("--pipeline", "--from", "mentor@example.org",
                "--to", "one@relay.test,nobody@elsewhere.example,two@relay.test", "--body", "pipelined");
        assertEquals(0, r.exit(), r.output());
        String out = r.output();
        assertTrue(out.contains("250-PIPELINING"), out);
        // swaks wrote MAIL, the RCPTs and DATA before reading the first of their replies.
        assertTrue(out.indexOf(" -> DATA") < out.indexOf("<-  250 2.0.0 OK"), out);
        assertTrue(r.output().contains("550 5.1.1"), r.output());
        assertEquals(List.of("one@relay.test", "two@relay.test"), smtp.handler.last().recipients());
        assertTrue(smtp.handler.last().text().contains("pipelined"));
    }

    @Test
    void starttlsIsNegotiatedWhenRequired() {
        Result r = swaks("--tls", "--from", "mentor@example.org", "--to", "tls@relay.test", "--body", "over tls");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("220 2.0.0 Ready to start TLS"), r.output());
        assertTrue(smtp.handler.last().session().tls());
    }

    @Test
    void everyRecipientRefusedEndsWithSwaksExitCode24() {
        Result r = swaks("--from", "mentor@example.org", "--to", "guess@elsewhere.example", "--body", "x");
        assertEquals(24, r.exit(), r.output());
        assertTrue(smtp.handler.stored.isEmpty());
    }

    @Test
    void anOversizeMessageIsRefusedAfterItsData() {
        Result r = swaks("--from", "mentor@example.org", "--to", "abc@relay.test", "--body", "x".repeat(70).concat("\n").repeat(200));
        assertEquals(26, r.exit(), r.output());
        assertTrue(r.output().contains("552 5.3.4"), r.output());
    }

    record Result(int exit, String output) {}

    private static Result swaks(String... args) {
        List<String> command = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1", "--port", String.valueOf(smtp.port),
                "--helo", "swaks.example", "--timeout", "20"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] output = p.getInputStream().readAllBytes(); // ends when swaks exits
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("swaks did not finish: " + new String(output, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run swaks", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void requireSwaks() {
        try {
            Process p = new ProcessBuilder("swaks", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) return;
        } catch (IOException e) {
            // not on the PATH: reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fail("swaks is not installed. Install it with scripts/lib/test-deps.sh (or: apt-get install -y swaks); "
                + "these tests drive the SMTP engine with it and do not skip.");
    }
}
