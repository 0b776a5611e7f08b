package org.chaperone.ingress.smtp;

import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.chaperone.review.Incidents;
import org.chaperone.testing.Api;
import org.chaperone.testing.Await;
import org.chaperone.testing.Demo;
import org.chaperone.testing.MailClient;
import org.chaperone.testing.Smarthost;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mail clients → the gateway's SMTP port → GreenMail as the smarthost, with the demo pairings:
 * mentor.alex ↔ mentee.ruby (15, manager copied) and mentor.jo ↔ mentee.sam (19).
 */
class RelayEndToEndTest {
    static Smarthost smarthost;
    static TestGateway gw;
    static MailClient client;
    static String rubyRelay, alexRelay, samRelay, joRelay;

    @BeforeAll
    static void start() {
        smarthost = new Smarthost().start();
        TestGateway.Builder b = TestGateway.builder().env("CHAPERONE_SMTP_MAX_MESSAGE_BYTES", "200000");
        smarthost.env().forEach(b::env);
        gw = b.start();
        client = new MailClient(gw.gateway().smtpPort());
        Api api = gw.api();
        JsonObject young = Demo.pairingOf(api, Demo.token(api, "mentor.alex"));
        JsonObject adult = Demo.pairingOf(api, Demo.token(api, "mentor.jo"));
        rubyRelay = relay(young, "mentee");
        alexRelay = relay(young, "mentor");
        samRelay = relay(adult, "mentee");
        joRelay = relay(adult, "mentor");
    }

    @AfterAll
    static void stop() {
        gw.close();
        smarthost.close();
    }

    @Test
    void aMentorsMailReachesTheMinorMenteeFromTheRelayAddressWithTheManagerCopied() throws Exception {
        String alex = Demo.email("mentor.alex");
        String raw = String.join("\r\n",
                "From: Alex Morgan <" + alex + ">",
                "To: Ruby <" + rubyRelay + ">",
                "Subject: CV feedback from " + alex,
                "Message-ID: <cv-1@laptop.alex.example>",
                "Received: from laptop.alex.example (10.1.2.3) by mail.example",
                "X-Originating-IP: [10.1.2.3]",
                "DKIM-Signature: v=1; a=rsa-sha256; d=example; s=x; b=abc",
                "Return-Path: <" + alex + ">",
                "Sender: " + alex,
                "Reply-To: " + alex,
                "Disposition-Notification-To: " + alex,
                "X-Mailer: Thunderbird (" + alex + ")",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"b1\"",
                "",
                "--b1",
                "Content-Type: multipart/alternative; boundary=\"b2\"",
                "",
                "--b2",
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: base64",
                "",
                java.util.Base64.getMimeEncoder().encodeToString(("Hi Ruby, notes attached.\r\n-- \r\nAlex, " + alex + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)),
                "--b2",
                "Content-Type: text/html; charset=UTF-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "<p>Hi Ruby, notes attached.</p><p><a href=3D\"mailto:" + alex + "\">Alex</a></p>",
                "--b2--",
                "--b1",
                "Content-Type: text/plain; charset=UTF-8; name=notes.txt",
                "Content-Disposition: attachment; filename=notes.txt",
                "",
                "Questions for Ruby. Write to " + alex.toUpperCase() + " if stuck.",
                "--b1--",
                "");
        MailClient.Outcome sent = client.sendRaw(alex, raw, rubyRelay);
        assertTrue(sent.accepted(), sent.toString());

        MimeMessage atRuby = smarthost.await(Demo.email("mentee.ruby"), 1).getFirst();
        assertEquals(alexRelay, ((InternetAddress) atRuby.getFrom()[0]).getAddress());
        assertEquals(alexRelay, ((InternetAddress) atRuby.getReplyTo()[0]).getAddress());
        assertEquals(Demo.email("manager"), ((InternetAddress) atRuby.getRecipients(Message.RecipientType.CC)[0]).getAddress());
        assertTrue(atRuby.getMessageID().endsWith("@" + gw.gateway().config().relay().domain() + ">"), atRuby.getMessageID());
        for (String h : List.of("X-Originating-IP", "DKIM-Signature", "Sender", "Disposition-Notification-To", "X-Mailer")) {
            assertNull(atRuby.getHeader(h), h + " must be removed");
        }
        // The smarthost writes the envelope sender as Return-Path: that is the gateway, never the mentor.
        assertEquals("<" + gw.gateway().config().delivery().senderAddress() + ">", atRuby.getHeader("Return-Path")[0]);
        // The smarthost adds its own Received line; the sender's must be gone.
        for (String received : atRuby.getHeader("Received") == null ? new String[0] : atRuby.getHeader("Received")) {
            assertFalse(received.contains("laptop.alex.example") || received.contains("10.1.2.3"), received);
        }
        String bytes = new String(Smarthost.raw(atRuby), StandardCharsets.UTF_8);
        assertFalse(bytes.toLowerCase().contains(alex), "the mentor's real address leaked:\n" + bytes);
        assertFalse(decodedText(atRuby).toLowerCase().contains(alex), "the mentor's real address leaked in a decoded part");
        assertTrue(decodedText(atRuby).contains(alexRelay), "replaced by the relay address");
        smarthost.await(Demo.email("manager"), 1);
    }

    @Test
    void aReplyThreadsOnBothSides() throws Exception {
        String jo = Demo.email("mentor.jo"), sam = Demo.email("mentee.sam");
        assertTrue(client.sendRaw(jo, simple(jo, samRelay, "Next week", "<first-jo@jo.example>", null, "Shall we talk about interviews?"), samRelay).accepted());
        MimeMessage atSam = bySubject(sam, "Next week");
        String relayId = atSam.getMessageID();
        assertTrue(client.sendRaw(sam, simple(sam, joRelay, "Re: Next week", "<reply-sam@sam.example>", relayId,
                "Yes please!\r\n\r\nOn Tue, Jo <" + joRelay + "> wrote:\r\n> Shall we talk about interviews?"), joRelay).accepted());
        MimeMessage atJo = bySubject(jo, "Re: Next week");
        assertEquals("<first-jo@jo.example>", atJo.getHeader("In-Reply-To", null), "Jo's client knows its own Message-ID");
        assertTrue(atJo.getHeader("References", null).contains("<first-jo@jo.example>"));
        assertFalse(new String(Smarthost.raw(atJo), StandardCharsets.UTF_8).toLowerCase().contains(sam));
    }

    @Test
    void aFollowUpToOnesOwnEarlierMessageThreadsUnderItOnTheOtherSide() throws Exception {
        String jo = Demo.email("mentor.jo"), sam = Demo.email("mentee.sam");
        assertTrue(client.sendRaw(jo, simple(jo, samRelay, "Reading list", "<list-jo@jo.example>", null, "Three books for the summer."), samRelay).accepted());
        MimeMessage first = bySubject(sam, "Reading list");
        // Jo's client names Jo's own Message-ID: found by the id Jo's message was stored with
        assertTrue(client.sendRaw(jo, simple(jo, samRelay, "Reading list, one more", "<list2-jo@jo.example>", "<list-jo@jo.example>",
                "And a fourth."), samRelay).accepted());
        MimeMessage second = bySubject(sam, "Reading list, one more");
        assertEquals(first.getMessageID(), second.getHeader("In-Reply-To", null), "Sam's copy threads under Sam's copy of the first");
    }

    @Test
    void aReplyCarryingAHundredReferencesIsThreadedByTheLastOfThem() throws Exception {
        String jo = Demo.email("mentor.jo"), sam = Demo.email("mentee.sam");
        assertTrue(client.sendRaw(jo, simple(jo, samRelay, "Mock exam", "<mock-jo@jo.example>", null, "How did it go?"), samRelay).accepted());
        String relayId = bySubject(sam, "Mock exam").getMessageID();
        StringBuilder references = new StringBuilder();
        for (int i = 0; i < 99; i++) references.append("<unknown-").append(i).append("@elsewhere.example> ");
        references.append(relayId);
        String reply = "From: " + sam + "\r\nTo: " + joRelay + "\r\nSubject: Re: Mock exam\r\nMessage-ID: <mock-sam@sam.example>\r\n"
                + "References: " + references + "\r\n\r\nIt went well, thanks!\r\n";
        assertTrue(client.sendRaw(sam, reply, joRelay).accepted());
        assertEquals("<mock-jo@jo.example>", bySubject(jo, "Re: Mock exam").getHeader("In-Reply-To", null));
    }

    @Test
    void anUnknownRelayAddressIs550() {
        MailClient.Outcome r = client.sendRaw(Demo.email("mentor.alex"),
                simple(Demo.email("mentor.alex"), "nosuchaddressnosuchaddress@" + gw.gateway().config().relay().domain(), "x", "<u@x>", null, "hi"),
                "nosuchaddressnosuchaddress@" + gw.gateway().config().relay().domain());
        assertEquals(550, r.code(), r.toString());
        assertTrue(r.text().contains("5.1.1"), r.text());
    }

    @Test
    void aSpoofedSenderIsRefusedAndRecorded() {
        long before = incidents("unregistered_sender");
        MailClient.Outcome envelope = client.sendRaw("stranger@evil.example",
                simple("stranger@evil.example", rubyRelay, "hi", "<s1@evil>", null, "hello"), rubyRelay);
        assertEquals(550, envelope.code());
        assertTrue(envelope.text().contains("5.7.1"), envelope.text());
        String alex = Demo.email("mentor.alex");
        MailClient.Outcome header = client.sendRaw(alex, simple("stranger@evil.example", rubyRelay, "hi", "<s2@evil>", null, "hello"), rubyRelay);
        assertEquals(550, header.code(), "a From header that is not the registered participant is refused too");
        assertEquals(before + 2, incidents("unregistered_sender"));
    }

    @Test
    void anOversizeMessageIs552() {
        String alex = Demo.email("mentor.alex");
        String body = ("x".repeat(70) + "\r\n").repeat(4_000); // 288 KB in ordinary lines, over the 200 KB limit
        MailClient.Outcome r = client.sendRaw(alex, simple(alex, rubyRelay, "big", "<big@x>", null, body), rubyRelay);
        assertEquals(552, r.code(), r.toString());
    }

    @Test
    void aCopyToTheRealAddressIsHeldRecordedAndTheSenderTold() {
        String jo = Demo.email("mentor.jo"), sam = Demo.email("mentee.sam");
        long before = incidents("direct_contact_attempt");
        String raw = String.join("\r\n", "From: " + jo, "To: " + samRelay, "Cc: " + sam, "Subject: also to you",
                "Message-ID: <dc@jo.example>", "", "hello directly", "");
        assertTrue(client.sendRaw(jo, raw, samRelay).accepted());
        assertEquals(before + 1, incidents("direct_contact_attempt"));
        MimeMessage notice = org.chaperone.testing.Await.until("the held-message notice to Jo", java.time.Duration.ofSeconds(30),
                () -> smarthost.to(jo).stream().filter(m -> subject(m).contains("waiting for review")).findFirst().orElse(null));
        assertTrue(text(notice).contains("outside the programme's relay"), text(notice));
    }

    @Test
    void autoRepliesAreDeliveredButNeverAnsweredAndBouncesAreRefused() {
        String sam = Demo.email("mentee.sam");
        String raw = String.join("\r\n", "From: " + sam, "To: " + joRelay, "Cc: " + Demo.email("mentor.jo"),
                "Subject: Out of office", "Auto-Submitted: auto-replied", "Message-ID: <ooo@sam.example>", "", "I am away", "");
        assertTrue(client.sendRaw(sam, raw, joRelay).accepted());
        Document stored = gw.gateway().store().collection("messages").find(new Document("originalMessageId", "<ooo@sam.example>")).first();
        assertTrue(stored.getBoolean("automatic"));
        assertEquals(0, gw.gateway().store().collection("outbox").countDocuments(new Document("purpose", "notice")
                .append("recipients", sam)), "no notice is sent in answer to an auto-reply");
        MailClient.Outcome bounce = client.sendRaw("", simple("mailer-daemon@x.example", joRelay, "Undeliverable", "<b@x>", null, "bounce"), joRelay);
        assertEquals(550, bounce.code(), "a null sender cannot write to a participant");
    }

    @Test
    void anOperatorDrivesTheRelayWithSwaks() throws Exception {
        String jo = Demo.email("mentor.jo");
        Process p = new ProcessBuilder("swaks", "--server", "127.0.0.1:" + gw.gateway().smtpPort(), "--pipeline",
                "--from", jo, "--to", samRelay, "--header", "Subject: sent with swaks", "--body", "Hello from the command line")
                .redirectErrorStream(true).start();
        String transcript = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "swaks must be installed (scripts/lib/test-deps.sh) and succeed:\n" + transcript);
        assertTrue(transcript.contains("250 2.0.0"), transcript);
        org.chaperone.testing.Await.until("the swaks message at Sam", java.time.Duration.ofSeconds(30),
                () -> smarthost.to(Demo.email("mentee.sam")).stream().filter(m -> subject(m).equals("sent with swaks")).findFirst().orElse(null));
        Process refused = new ProcessBuilder("swaks", "--server", "127.0.0.1:" + gw.gateway().smtpPort(),
                "--from", "someone@elsewhere.example", "--to", samRelay, "--body", "let me in").redirectErrorStream(true).start();
        String refusal = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(24, refused.waitFor(), "swaks exits 24 when every recipient is refused:\n" + refusal);
        assertTrue(refusal.contains("550 5.7.1"), refusal);
    }

    // ---- helpers

    /** The copy delivered to {@code address} with this subject (the smarthost keeps every test's mail). */
    static MimeMessage bySubject(String address, String subject) {
        return Await.until("'" + subject + "' for " + address, java.time.Duration.ofSeconds(30), () -> {
            for (MimeMessage m : smarthost.to(address)) {
                try {
                    if (subject.equals(m.getSubject())) return m;
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return null;
        });
    }

    static String simple(String from, String to, String subject, String messageId, String inReplyTo, String body) {
        StringBuilder b = new StringBuilder();
        b.append("From: ").append(from).append("\r\nTo: ").append(to).append("\r\nSubject: ").append(subject)
                .append("\r\nMessage-ID: ").append(messageId).append("\r\n");
        if (inReplyTo != null) b.append("In-Reply-To: ").append(inReplyTo).append("\r\nReferences: ").append(inReplyTo).append("\r\n");
        return b.append("\r\n").append(body).append("\r\n").toString();
    }

    static long incidents(String type) {
        return gw.gateway().store().collection(Incidents.COLLECTION).countDocuments(new Document("type", type));
    }

    static String relay(JsonObject pairing, String role) {
        for (Object o : pairing.getJsonArray("relayAddresses")) {
            JsonObject a = (JsonObject) o;
            if (a.getString("role").equals(role)) return a.getString("address");
        }
        throw new AssertionError("no " + role + " relay address");
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(MimeMessage m) {
        try {
            return decodedText(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every decoded text part, so an address hidden by base64 or quoted-printable is still seen. */
    static String decodedText(jakarta.mail.Part p) throws Exception {
        Object c = p.getContent();
        if (c instanceof String s) return s;
        if (c instanceof jakarta.mail.Multipart mp) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < mp.getCount(); i++) b.append(decodedText(mp.getBodyPart(i))).append('\n');
            return b.toString();
        }
        if (c instanceof java.io.InputStream in) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return String.valueOf(c);
    }
}
