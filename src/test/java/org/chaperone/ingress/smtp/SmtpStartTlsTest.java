package org.chaperone.ingress.smtp;

import io.vertx.core.net.SelfSignedCertificate;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STARTTLS (RFC 3207) with a certificate generated for the test. */
class SmtpStartTlsTest {
    private static SelfSignedCertificate certificate;
    private static SSLContext trust;
    private static SmtpFixture smtp;

    @BeforeAll
    static void start() {
        certificate = SelfSignedCertificate.create("localhost");
        trust = MailClients.trusting(certificate);
        smtp = SmtpFixture.settings().tls(certificate.certificatePath(), certificate.privateKeyPath()).start();
    }

    @AfterAll
    static void stop() {
        smtp.close();
        certificate.delete();
    }

    @Test
    void jakartaMailRequiringStarttlsSendsOverTls() throws Exception {
        Properties p = MailClients.smtpProperties(smtp.port);
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.socketFactory", trust.getSocketFactory());
        // The client trusts exactly the test certificate, which names "localhost" and not 127.0.0.1.
        p.put("mail.smtp.ssl.checkserveridentity", "false");
        Session session = MailClients.session(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom("mentor@example.org");
        m.setRecipients(Message.RecipientType.TO, "tls1@relay.test");
        m.setSubject("over TLS");
        m.setText("encrypted on the wire");
        Transport.send(m);

        RecordingHandler.Stored got = smtp.handler.stored.stream()
                .filter(s -> s.recipients().contains("tls1@relay.test")).findFirst().orElseThrow();
        assertTrue(got.session().tls(), "the handler is told the session was encrypted");
        assertTrue(got.text().contains("encrypted on the wire"));
    }

    @Test
    void afterTlsTheSessionStartsOverAndStarttlsIsNoLongerOffered() {
        try (RawSmtpClient c = smtp.connect()) {
            c.expectReply("220");
            assertTrue(c.expect("EHLO client.example", "250").lines().anyMatch(l -> l.substring(4).equals("STARTTLS")));
            c.expect("MAIL FROM:<a@example.org>", "250");
            c.expect("STARTTLS", "220 2.0.0");
            c.startTls(trust);
            c.expect("MAIL FROM:<a@example.org>", "503 5.5.1"); // EHLO again first
            String ehlo = c.expect("EHLO client.example", "250");
            assertFalse(ehlo.contains("STARTTLS"), ehlo);
            c.expect("STARTTLS", "503 5.5.1");
            c.expect("MAIL FROM:<a@example.org>", "250");
            c.expect("RCPT TO:<tls2@relay.test>", "250");
            c.expect("DATA", "354");
            c.send("Subject: raw tls\r\n\r\nhello\r\n.\r\n");
            c.expectReply("250 2.0.0");
            c.expect("QUIT", "221");
        }
        RecordingHandler.Stored got = smtp.handler.stored.stream()
                .filter(s -> s.recipients().contains("tls2@relay.test")).findFirst().orElseThrow();
        assertTrue(got.session().tls());
        assertEquals("Subject: raw tls\r\n\r\nhello\r\n", got.text());
    }

    @Test
    void commandsPipelinedAfterStarttlsAreNotRunAsIfEncrypted() {
        try (RawSmtpClient c = smtp.connect()) {
            c.expectReply("220");
            c.expect("EHLO client.example", "250");
            c.send("STARTTLS\r\nMAIL FROM:<injected@example.org>\r\n");
            c.expectReply("421 4.7.0");
            assertEquals("", c.awaitClose());
        }
        assertFalse(smtp.handler.calls.contains("MAIL injected@example.org"));
    }

    @Test
    void aKeyThatCannotBeReadStopsTheStartNotTheFirstClient(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        SmtpServer server = new SmtpServer(smtp.vertx, SmtpFixture.settings().tls(certificate.certificatePath(), key.toString()).config(),
                smtp.handler);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("cannot be used for STARTTLS"), e.getCause().getMessage());
        assertTrue(e.getCause().getMessage().contains(key.toString()), e.getCause().getMessage());
    }

    @Test
    void starttlsTakesNoArgument() {
        try (RawSmtpClient c = smtp.connect()) {
            c.expectReply("220");
            c.expect("EHLO client.example", "250");
            c.expect("STARTTLS now", "501 5.5.4");
        }
    }
}
