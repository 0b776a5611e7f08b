package org.chaperone.testing;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Steady SMTP load for fault tests: one thread per conversation sends numbered messages through the
 * gateway as fast as it answers, like a sending MTA. A message is retried until it gets a definite
 * answer; an answer the client never saw (the connection died mid-transaction) counts as "in flight",
 * because the gateway may or may not have stored it, and the retry may then deliver it twice.
 */
public final class SteadyMail implements AutoCloseable {
    private final int port;
    private final String runId;
    private final List<Conversations.Conversation> conversations;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    /** Subject of every message answered 250, per conversation, in the order acknowledged. */
    private final Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
    private final List<String> inFlight = new CopyOnWriteArrayList<>();
    private final List<String> permanentRefusals = new CopyOnWriteArrayList<>();
    private final AtomicInteger acks = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger temporaryRefusals = new AtomicInteger();
    private final AtomicInteger notConnected = new AtomicInteger();

    public SteadyMail(int port, String runId, List<Conversations.Conversation> conversations) {
        this.port = port;
        this.runId = runId;
        this.conversations = List.copyOf(conversations);
        for (Conversations.Conversation c : conversations) acknowledged.put(c.name(), Collections.synchronizedList(new ArrayList<>()));
    }

    public SteadyMail start() {
        for (Conversations.Conversation c : conversations) {
            threads.add(Thread.ofPlatform().name("steady-mail-" + c.name()).daemon(true).start(() -> send(c)));
        }
        return this;
    }

    public static String subject(String runId, String conversation, int seq) {
        return runId + " " + conversation + " #" + seq;
    }

    /** The sequence number written in a subject made by {@link #subject}. */
    public static int seqOf(String subject) {
        return Integer.parseInt(subject.substring(subject.lastIndexOf('#') + 1).trim());
    }

    private void send(Conversations.Conversation c) {
        Session session = session(c.mentorEmail());
        int seq = 1;
        boolean counted = false;
        while (!stopped) {
            String subject = subject(runId, c.name(), seq);
            if (!counted) {
                messages.incrementAndGet();
                counted = true;
            }
            attempts.incrementAndGet();
            try {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(new InternetAddress(c.mentorEmail()));
                m.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(c.menteeRelay()));
                m.setSubject(subject, "UTF-8");
                m.setText("Message " + seq + " of a steady stream: how did the revision plan go this week?", "UTF-8");
                Transport.send(m, new InternetAddress[] {new InternetAddress(c.menteeRelay())});
                acknowledged.get(c.name()).add(subject);
                acks.incrementAndGet();
                seq++;
                counted = false;
            } catch (MessagingException e) {
                int code = code(e);
                if (code >= 500) {
                    permanentRefusals.add(subject + ": " + e.getMessage());
                    seq++;
                    counted = false;
                } else if (code >= 400) {
                    temporaryRefusals.incrementAndGet();
                    pause();
                } else if (connectFailure(e)) {
                    notConnected.incrementAndGet();
                    pause();
                } else {
                    inFlight.add(subject);
                    pause();
                }
            }
        }
    }

    private static boolean connectFailure(MessagingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MailConnectException || t instanceof java.net.ConnectException) return true;
        }
        return false;
    }

    private static int code(MessagingException e) {
        for (Exception c = e; c != null; c = c instanceof MessagingException m ? m.getNextException() : null) {
            if (c instanceof SMTPSendFailedException s) return s.getReturnCode();
            if (c instanceof SMTPAddressFailedException a) return a.getReturnCode();
        }
        return 0;
    }

    private static void pause() {
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }

    private Session session(String from) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(port));
        p.setProperty("mail.smtp.from", from);
        p.setProperty("mail.smtp.connectiontimeout", "5000");
        p.setProperty("mail.smtp.timeout", "30000");
        return Session.getInstance(p);
    }

    /** Stops sending; a transaction under way finishes first. */
    public void stop() {
        stopped = true;
        for (Thread t : threads) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public int acks() {
        return acks.get();
    }

    public Map<String, List<String>> acknowledged() {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        acknowledged.forEach((k, v) -> {
            synchronized (v) {
                out.put(k, List.copyOf(v));
            }
        });
        return out;
    }

    public List<String> inFlight() {
        return List.copyOf(inFlight);
    }

    public List<String> permanentRefusals() {
        return List.copyOf(permanentRefusals);
    }

    public int messages() {
        return messages.get();
    }

    public int attempts() {
        return attempts.get();
    }

    public int temporaryRefusals() {
        return temporaryRefusals.get();
    }

    public int notConnected() {
        return notConnected.get();
    }

    @Override
    public void close() {
        stop();
    }
}
