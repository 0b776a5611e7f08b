package org.chaperone.ingress.smtp;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real mail client (jakarta.mail / Angus Mail) sending through the engine: the handler gets what was sent. */
class SmtpJakartaMailTest {
    private static SmtpFixture smtp;

    @BeforeAll
    static void start() {
        smtp = SmtpFixture.settings().maxMessageBytes(1_000_000).start();
    }

    @AfterAll
    static void stop() {
        smtp.close();
    }

    @BeforeEach
    void reset() {
        smtp.handler.stored.clear();
    }

    @Test
    void aPlainTextMessageArrivesByteForByte() throws Exception {
        Session session = MailClients.session(MailClients.smtpProperties(smtp.port));
        MimeMessage m = new MimeMessage(session);
        m.setFrom("mentor@example.org");
        m.setRecipients(Message.RecipientType.TO, "k7p2q@relay.test");
        m.setSubject("Session on Thursday");
        m.setText("Hi Sam,\n\nSee you on Thursday.\n.\n..and a line that starts with dots\n.hidden\n");
        Transport.send(m);

        RecordingHandler.Stored got = smtp.handler.last();
        assertEquals("mentor@example.org", got.reversePath());
        assertEquals(List.of("k7p2q@relay.test"), got.recipients());
        assertArrayEquals(sentBytes(m), got.message());
        assertTrue(got.text().contains("\r\n.\r\n..and a line that starts with dots\r\n.hidden\r\n"), got.text());
    }

    @Test
    void anEightBitMessageKeepsItsBytes() throws Exception {
        Properties p = MailClients.smtpProperties(smtp.port);
        p.put("mail.smtp.allow8bitmime", "true");
        Session session = MailClients.session(p);
        byte[] raw = ("From: mentee@example.net\r\nTo: abc@relay.test\r\nSubject: =?UTF-8?Q?=C3=BCber?=\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Grüße aus Köln — ça va? 日本語\r\n.\r\n").getBytes(StandardCharsets.UTF_8);
        MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw));
        try (Transport t = session.getTransport("smtp")) {
            t.connect();
            t.sendMessage(m, m.getAllRecipients()); // as parsed: no saveChanges, so the bytes stay as written
        }
        assertArrayEquals(raw, smtp.handler.last().message());
    }

    @Test
    void aMultipartMessageWithABinaryAttachmentArrivesIntact() throws Exception {
        Session session = MailClients.session(MailClients.smtpProperties(smtp.port));
        MimeMessage m = new MimeMessage(session);
        m.setFrom("mentor@example.org");
        m.setRecipients(Message.RecipientType.TO, "abc@relay.test");
        m.setSubject("Worksheet");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("The worksheet is attached.\n.\nThanks", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        byte[] pdf = new byte[20_000];
        new Random(7).nextBytes(pdf);
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
        attachment.setFileName("worksheet.pdf");
        m.setContent(new MimeMultipart(text, attachment));
        Transport.send(m);

        RecordingHandler.Stored got = smtp.handler.last();
        assertArrayEquals(sentBytes(m), got.message());
        MimeMessage parsed = new MimeMessage(session, new ByteArrayInputStream(got.message()));
        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        assertEquals(2, parts.getCount());
        assertArrayEquals(pdf, parts.getBodyPart(1).getInputStream().readAllBytes());
    }

    @Test
    void aRefusedRecipientIsReportedAndTheOthersStillGetTheMessage() throws Exception {
        Properties p = MailClients.smtpProperties(smtp.port);
        p.put("mail.smtp.sendpartial", "true");
        Session session = MailClients.session(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom("mentor@example.org");
        m.setRecipients(Message.RecipientType.TO, "abc@relay.test, someone@elsewhere.example");
        m.setText("hello");
        SendFailedException e = assertThrows(SendFailedException.class, () -> Transport.send(m));
        Address[] invalid = e.getInvalidAddresses();
        assertEquals(List.of(new InternetAddress("someone@elsewhere.example")), List.of(invalid));
        assertEquals(List.of("abc@relay.test"), smtp.handler.last().recipients());
    }

    @Test
    void aMessageOverTheLimitIsRefusedAsTooBig() throws Exception {
        Session session = MailClients.session(MailClients.smtpProperties(smtp.port));
        MimeMessage m = new MimeMessage(session);
        m.setFrom("mentor@example.org");
        m.setRecipients(Message.RecipientType.TO, "abc@relay.test");
        m.setText("x".repeat(70).concat("\n").repeat(20_000));
        jakarta.mail.MessagingException e = assertThrows(jakarta.mail.MessagingException.class, () -> Transport.send(m));
        assertTrue(String.valueOf(e.getMessage()).contains("552 5.3.4"), e.toString());
        assertTrue(smtp.handler.stored.isEmpty());
    }

    private static byte[] sentBytes(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return MailClients.crlf(out.toByteArray());
    }
}
