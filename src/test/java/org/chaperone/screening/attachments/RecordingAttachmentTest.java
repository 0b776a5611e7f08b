package org.chaperone.screening.attachments;

import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.chaperone.pipeline.Channel;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Reason;
import org.chaperone.pipeline.stages.ScreenAttachments;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.Maildir;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.chaperone.screening.attachments.Media.Entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recordings sent as attachments through the relay are held, and the sender is told why. */
class RecordingAttachmentTest {
    static TestGateway gw;
    static Api api;
    static String mentorEmail;
    static String menteeRelay;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        api = gw.api();
        JsonObject pairing = Demo.pairingOf(api, Demo.token(api, "mentor.alex"));
        mentorEmail = Demo.email("mentor.alex");
        for (Object o : pairing.getJsonArray("relayAddresses")) {
            JsonObject a = (JsonObject) o;
            if (a.getString("role").equals("mentee")) menteeRelay = a.getString("address");
        }
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void aZipWithAnMp3InsideIsHeldAndTheSenderIsTold() throws Exception {
        Envelope e = send("Revision notes", "Notes attached.", "notes.zip", "application/zip",
                Media.zip(new Entry("notes.txt", Media.text("chapter 1")), new Entry("our-call.mp3", Media.mp3())));
        assertTrue(e.verdict.held());
        Reason r = reason(e);
        assertEquals(ScreenAttachments.RECORDING, r.code());
        assertTrue(r.detail().contains("notes.zip/our-call.mp3"), r.detail());
        String notice = Maildir.parse(new Maildir(gw.dataDir()).await(mentorEmail, 1).getLast()).getContent().toString();
        assertTrue(notice.contains("audio or video attachment"), notice);
        assertTrue(notice.contains("recordings are not shared"), notice);
    }

    @Test
    void aRenamedTextFileThatIsReallyAnMp4IsHeld() throws Exception {
        Envelope e = send("Homework", "Here it is", "homework.txt", "text/plain", Media.mp4());
        assertTrue(e.verdict.held());
        assertEquals(ScreenAttachments.RECORDING, reason(e).code());
        assertTrue(reason(e).detail().contains("MP4"), reason(e).detail());
    }

    @Test
    void anOrdinaryAttachmentIsDelivered() throws Exception {
        Envelope e = send("CV", "My CV draft", "cv.txt", "text/plain", Media.text("Work experience: library, Saturday job."));
        assertFalse(e.verdict.held(), e.verdict.reasons().toString());
        assertTrue(e.verdict.reasons().stream().noneMatch(r -> r.code().equals(ScreenAttachments.RECORDING)));
    }

    private static Reason reason(Envelope e) {
        return e.verdict.reasons().stream().filter(r -> r.code().startsWith("recording") || r.code().startsWith("uncheckable"))
                .findFirst().orElseThrow(() -> new AssertionError("no attachment reason in " + e.verdict.reasons()));
    }

    /** An email from the mentor's registered address to the mentee's relay address, through the whole pipeline. */
    private static Envelope send(String subject, String text, String filename, String type, byte[] content) throws Exception {
        MimeMessage m = new MimeMessage(jakarta.mail.Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress(mentorEmail));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(menteeRelay));
        m.setSubject(subject);
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, StandardCharsets.UTF_8.name());
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(content, type)));
        attachment.setFileName(filename);
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);
        m.setContent(new MimeMultipart(body, attachment));
        m.saveChanges();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        Envelope e = new Envelope(Channel.EMAIL, gw.gateway().clock().instant(), mentorEmail, menteeRelay, raw.toByteArray(),
                "127.0.0.1");
        return gw.gateway().pipeline().process(e);
    }

}
