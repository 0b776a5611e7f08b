package org.chaperone.delivery;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.chaperone.pipeline.MimeParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Builds the gateway's own mail (notices to senders, urgent alerts, invitations' wrappers). Every
 * such message is marked {@code Auto-Submitted: auto-generated} so it can never start a mail loop.
 */
public final class Composer {
    static {
        org.chaperone.pipeline.MailLibrary.configure();
    }

    private final String fromAddress;
    private final String relayDomain;

    public Composer(String fromAddress, String relayDomain) {
        this.fromAddress = fromAddress;
        this.relayDomain = relayDomain;
    }

    public String fromAddress() {
        return fromAddress;
    }

    public byte[] text(List<String> to, String subject, String body, boolean urgent, Instant date, String messageId) {
        try {
            MimeMessage m = new FixedIdMessage("<" + messageId + "@" + relayDomain + ">");
            m.setFrom(new InternetAddress(fromAddress, "Chaperone", StandardCharsets.UTF_8.name()));
            for (String t : to) m.addRecipient(Message.RecipientType.TO, new InternetAddress(t));
            m.setSubject(Headers.clean(subject), StandardCharsets.UTF_8.name());
            m.setSentDate(Date.from(date));
            m.setHeader("Auto-Submitted", "auto-generated");
            if (urgent) {
                m.setHeader("Importance", "high");
                m.setHeader("X-Priority", "1 (Highest)");
                m.setHeader("Priority", "urgent");
            }
            m.setText(body, StandardCharsets.UTF_8.name());
            return bytes(m);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("could not compose a notice: " + e.getMessage(), e);
        }
    }

    static byte[] bytes(MimeMessage m) throws MessagingException {
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            m.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("could not write the message", e);
        }
        return out.toByteArray();
    }

    /** A MimeMessage that keeps the Message-ID we give it through saveChanges(). */
    static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(String id) {
            super(MimeParser.session());
            this.id = id;
        }

        /** Parsed straight from the stored bytes (copying a parsed message would write and parse it once more). */
        FixedIdMessage(byte[] raw, String id) throws MessagingException {
            super(MimeParser.session(), new java.io.ByteArrayInputStream(raw));
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
