package org.chaperone.testing;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** A real SMTP client (jakarta.mail) talking to the gateway's SMTP port. */
public final class MailClient {
    private final int port;

    public MailClient(int port) {
        this.port = port;
    }

    /** The SMTP answer to a send: 250 for accepted, else the refusal's code and text. */
    public record Outcome(int code, String text) {
        public boolean accepted() {
            return code == 250;
        }
    }

    public Session session(String envelopeFrom) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(port));
        p.setProperty("mail.smtp.from", envelopeFrom);
        p.setProperty("mail.smtp.connectiontimeout", "10000");
        p.setProperty("mail.smtp.timeout", "30000");
        return Session.getInstance(p);
    }

    public MimeMessage message(String envelopeFrom, String from, String to, String subject, String body) {
        try {
            MimeMessage m = new MimeMessage(session(envelopeFrom));
            m.setFrom(new InternetAddress(from));
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            m.setSubject(subject, "UTF-8");
            m.setText(body, "UTF-8");
            return m;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Outcome send(MimeMessage m, String... envelopeRecipients) {
        try {
            InternetAddress[] rcpts = new InternetAddress[envelopeRecipients.length];
            for (int i = 0; i < rcpts.length; i++) rcpts[i] = new InternetAddress(envelopeRecipients[i]);
            Transport.send(m, rcpts);
            return new Outcome(250, "OK");
        } catch (SendFailedException e) {
            for (Exception c = e; c != null; c = c instanceof MessagingException me ? me.getNextException() : null) {
                if (c instanceof SMTPAddressFailedException a) return new Outcome(a.getReturnCode(), a.getMessage());
                if (c instanceof SMTPSendFailedException s) return new Outcome(s.getReturnCode(), s.getMessage());
            }
            throw new IllegalStateException("send failed without an SMTP code", e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends raw MIME text as written (headers and all, its Message-ID kept). */
    public Outcome sendRaw(String envelopeFrom, String rawMime, String... envelopeRecipients) {
        try {
            MimeMessage m = new MimeMessage(session(envelopeFrom),
                    new ByteArrayInputStream(rawMime.getBytes(StandardCharsets.UTF_8))) {
                @Override
                protected void updateMessageID() {
                    // keep the Message-ID written in the raw text
                }
            };
            return send(m, envelopeRecipients);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
