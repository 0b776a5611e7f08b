package org.chaperone.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * GreenMail standing in for the smarthost, on a fixed free port so a test can stop it ("the
 * smarthost is down") and start it again on the same address.
 */
public final class Smarthost implements AutoCloseable {
    private final int port;
    private GreenMail mail;

    public Smarthost() {
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Smarthost start() {
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return this;
    }

    public void stop() {
        if (mail != null) mail.stop();
        mail = null;
    }

    public int port() {
        return port;
    }

    /** The gateway environment that points delivery here. */
    public Map<String, String> env() {
        return Map.of("CHAPERONE_DELIVERY_SMARTHOST_HOST", "127.0.0.1",
                "CHAPERONE_DELIVERY_SMARTHOST_PORT", String.valueOf(port),
                "CHAPERONE_DELIVERY_SMARTHOST_STARTTLS", "false",
                "CHAPERONE_DELIVERY_INITIAL_RETRY_SECONDS", "1",
                "CHAPERONE_DELIVERY_MAX_RETRY_SECONDS", "2");
    }

    /** Messages received for one address. */
    public List<MimeMessage> to(String address) {
        if (mail == null) return List.of();
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            try {
                // GreenMail keeps one copy per envelope recipient; the Delivered-To-like header is X-Original-To? No: use its user.
                if (recipientsOf(m).contains(address.toLowerCase())) out.add(m);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private List<String> recipientsOf(MimeMessage m) throws MessagingException {
        List<String> out = new ArrayList<>();
        for (Message.RecipientType t : List.of(Message.RecipientType.TO, Message.RecipientType.CC)) {
            jakarta.mail.Address[] as = m.getRecipients(t);
            if (as != null) Arrays.stream(as).forEach(a -> out.add(((InternetAddress) a).getAddress().toLowerCase()));
        }
        return out;
    }

    public MimeMessage[] all() {
        return mail == null ? new MimeMessage[0] : mail.getReceivedMessages();
    }

    public List<MimeMessage> await(String address, int count) {
        return Await.until(count + " message(s) for " + address + " at the smarthost", Duration.ofSeconds(30), () -> {
            List<MimeMessage> got = to(address);
            return got.size() >= count ? got : null;
        });
    }

    /** Subjects of everything received so far, in the order it arrived (one entry per delivered copy). */
    public List<String> subjectsInArrivalOrder() {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : all()) {
            try {
                out.add(m.getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    public static byte[] raw(MimeMessage m) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
