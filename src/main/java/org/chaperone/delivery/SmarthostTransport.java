package org.chaperone.delivery;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import org.chaperone.config.GatewayConfig;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Sends through the configured smarthost with jakarta.mail, keeping one connection open between
 * messages. Reply codes decide the outcome: 4xx and network errors are temporary, 5xx permanent.
 */
public final class SmarthostTransport implements MailTransport {
    private final GatewayConfig.Smarthost config;
    private final Session session;
    /** A connection idle longer than this is checked before use (servers close idle connections). */
    private static final long CHECK_AFTER_IDLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    private SMTPTransport transport;
    private long lastUsed;

    public SmarthostTransport(GatewayConfig.Smarthost config, String heloName) {
        this.config = config;
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", config.host());
        p.setProperty("mail.smtp.port", String.valueOf(config.port()));
        p.setProperty("mail.smtp.localhost", heloName);
        p.setProperty("mail.smtp.connectiontimeout", "10000");
        p.setProperty("mail.smtp.timeout", "60000");
        p.setProperty("mail.smtp.writetimeout", "60000");
        p.setProperty("mail.smtp.starttls.enable", String.valueOf(config.starttls()));
        p.setProperty("mail.smtp.starttls.required", String.valueOf(config.starttls()));
        boolean auth = config.username() != null && !config.username().isBlank();
        p.setProperty("mail.smtp.auth", String.valueOf(auth));
        p.setProperty("mail.smtp.reportsuccess", "false");
        p.setProperty("mail.smtp.sendpartial", "true");
        this.session = Session.getInstance(p);
    }

    @Override
    public void send(String envelopeFrom, List<String> recipients, byte[] mime) throws DeliveryException {
        Address[] to;
        try {
            to = new Address[recipients.size()];
            for (int i = 0; i < to.length; i++) to[i] = new InternetAddress(recipients.get(i));
        } catch (MessagingException e) {
            throw DeliveryException.permanent("the message could not be prepared: " + e.getMessage(), recipients, e);
        }
        PreparedMessage message = new PreparedMessage(session, mime, envelopeFrom);
        boolean unchecked = transport != null && System.nanoTime() - lastUsed < CHECK_AFTER_IDLE_NANOS;
        try {
            try {
                connected().sendMessage(message, to);
            } catch (SendFailedException e) {
                throw e;
            } catch (MessagingException e) {
                if (!unchecked) throw e;
                // The open connection was used without a check and turned out closed: once more on a new one.
                reset();
                connected().sendMessage(message, to);
            }
            lastUsed = System.nanoTime();
        } catch (SendFailedException e) {
            throw classify(e, recipients);
        } catch (MessagingException e) {
            reset();
            throw DeliveryException.temporary("the smarthost could not be reached: " + e.getMessage(), e);
        }
    }

    /**
     * Rendered mail as it is: jakarta.mail would otherwise parse the bytes into a message only to write them out again.
     * The SMTP stream still dot-stuffs and ends lines with CRLF.
     */
    private static final class PreparedMessage extends SMTPMessage {
        private final byte[] bytes;

        PreparedMessage(Session session, byte[] bytes, String envelopeFrom) {
            super(session);
            this.bytes = bytes;
            setEnvelopeFrom(envelopeFrom == null || envelopeFrom.isEmpty() ? "<>" : envelopeFrom);
        }

        @Override
        public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
            out.write(bytes);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
        }
    }

    private DeliveryException classify(SendFailedException e, List<String> recipients) {
        int code = code(e);
        List<String> rejected = new ArrayList<>();
        if (e.getInvalidAddresses() != null) for (Address a : e.getInvalidAddresses()) rejected.add(a.toString());
        boolean someSent = e.getValidSentAddresses() != null && e.getValidSentAddresses().length > 0;
        if (code >= 500 || (someSent && !rejected.isEmpty())) {
            return DeliveryException.permanent("the receiving server refused it: " + e.getMessage(),
                    rejected.isEmpty() ? recipients : rejected, e);
        }
        reset();
        return DeliveryException.temporary("the receiving server asked us to try later: " + e.getMessage(), e);
    }

    private static int code(MessagingException e) {
        for (Exception c = e; c != null; c = c instanceof MessagingException m ? m.getNextException() : null) {
            if (c instanceof SMTPSendFailedException s) return s.getReturnCode();
            if (c instanceof SMTPAddressFailedException a) return a.getReturnCode();
        }
        return 0;
    }

    /**
     * The open connection, or a new one. One used moments ago is taken as open; only after a pause is it checked
     * (jakarta.mail's check is a NOOP round trip, which would otherwise come with every message).
     */
    private SMTPTransport connected() throws MessagingException {
        if (transport != null && System.nanoTime() - lastUsed < CHECK_AFTER_IDLE_NANOS) return transport;
        if (transport == null || !transport.isConnected()) {
            transport = (SMTPTransport) session.getTransport("smtp");
            if (config.username() != null && !config.username().isBlank()) {
                transport.connect(config.host(), config.port(), config.username(), config.password());
            } else {
                transport.connect();
            }
        }
        return transport;
    }

    private void reset() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // Already broken; a fresh connection is made on the next send.
            }
            transport = null;
        }
    }

    @Override
    public void close() {
        reset();
    }
}
