package org.chaperone.delivery;

import jakarta.mail.internet.InternetAddress;
import org.bson.Document;
import org.bson.types.Binary;
import org.chaperone.pipeline.Messages;
import org.chaperone.registry.Registry;
import org.chaperone.registry.User;
import org.chaperone.relay.RelayAddress;
import org.chaperone.relay.RelayAddresses;
import org.chaperone.store.Ids;
import org.chaperone.store.MongoStore;
import org.chaperone.store.StorageUnavailableException;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends what the outbox holds: claims due entries, renders relayed messages for their recipients,
 * hands them to the transport, and removes each entry once sent. Temporary failures back off
 * exponentially up to the maximum age; then, or on a permanent failure, the sender is told through
 * a notice (never for the gateway's own notices, so failures cannot loop).
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());
    private final Outbox outbox;
    private final Messages messages;
    private final Registry registry;
    private final RelayAddresses relay;
    private final RelayRenderer renderer;
    private final MailTransport mail;
    private final SmsSender sms;
    private final Composer composer;
    private final Clock clock;
    private final Duration initialRetry;
    private final Duration maxRetry;
    private final String node;
    private final Thread thread;
    /** Renders the entries after the one being sent (see {@link Lookahead}). */
    private final java.util.concurrent.ExecutorService preparer = java.util.concurrent.Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("chaperone-delivery-prepare").daemon(true).factory());
    private volatile boolean running = true;
    /** Set while a round holds leases it has not finished with; the next round gives them back first. */
    private boolean leasesToRelease;
    /** Entries claimed per round: one outbox read and one claiming write serve them all. */
    static final int BATCH = 200;

    public DeliveryWorker(Outbox outbox, Messages messages, Registry registry, RelayAddresses relay, RelayRenderer renderer,
                          MailTransport mail, SmsSender sms, Composer composer, Clock clock, Duration initialRetry,
                          Duration maxRetry, String node) {
        this.outbox = outbox;
        this.messages = messages;
        this.registry = registry;
        this.relay = relay;
        this.renderer = renderer;
        this.mail = mail;
        this.sms = sms;
        this.composer = composer;
        this.clock = clock;
        this.initialRetry = initialRetry;
        this.maxRetry = maxRetry;
        this.node = node;
        this.thread = Thread.ofPlatform().name("chaperone-delivery").daemon(true).start(this::run);
    }

    /** Something new is in the outbox: look now rather than at the next poll. */
    public void wake() {
        LockSupport.unpark(thread);
    }

    private void run() {
        boolean released = false;
        while (running) {
            if (!released) {
                released = releaseOwnLeases();
                if (!released) {
                    LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                    continue;
                }
            }
            int sent = 0;
            try {
                sent = deliverDue();
            } catch (RuntimeException e) {
                if (!StorageUnavailableException.isUnavailable(e)) LOG.log(Level.WARNING, "delivery round failed", e);
            }
            if (sent == 0 && running) LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }

    /** What this node had claimed before a crash is due again now, not when the lease runs out. */
    private boolean releaseOwnLeases() {
        try {
            long released = outbox.releaseLeases(node);
            if (released > 0) LOG.info("released " + released + " outbox lease(s) left by this node's previous run");
            return true;
        } catch (RuntimeException e) {
            LOG.warning("could not release this node's earlier outbox leases yet: " + e.getMessage());
            return false;
        }
    }

    /**
     * One round: claims a batch of due entries with one write and sends them one after another, in order within
     * each conversation. Each entry is removed durably before the next is sent, so a crash re-sends at most the
     * one under way. A conversation whose entry must wait (a temporary failure, or an entry another node holds)
     * stops there for this round, and its later entries are given back. The next few entries are rendered on
     * another thread while one is sent (rendering is most of a delivery's work, and sending mostly waits).
     * Returns how many were attempted.
     */
    int deliverDue() {
        if (leasesToRelease) {
            outbox.releaseLeases(node);
            leasesToRelease = false;
        }
        Instant now = clock.instant();
        List<Document> due = outbox.due(now, BATCH, BATCH);
        if (due.isEmpty()) return 0;
        List<Document> claimed = outbox.claim(due.stream().map(d -> d.getString("_id")).toList(), now, node);
        Map<String, Document> byId = new HashMap<>();
        claimed.forEach(d -> byId.put(d.getString("_id"), d));
        // Stop well before the lease ends, so no other node can take an entry this one is still working through.
        Instant stopBy = now.plus(Outbox.LEASE.dividedBy(2));
        Set<String> stopped = new HashSet<>();
        List<String> unused = new ArrayList<>();
        List<Document> held = new ArrayList<>();
        for (Document d : due) {
            String conversation = d.getString("conversation");
            Document entry = byId.get(d.getString("_id"));
            if (entry == null) {
                // Another node holds it: this conversation waits for that node.
                if (conversation != null) stopped.add(conversation);
            } else if (conversation != null && stopped.contains(conversation)) {
                unused.add(entry.getString("_id"));
            } else {
                held.add(entry);
            }
        }
        int attempted = 0;
        leasesToRelease = true; // until this round ends normally: a storage failure leaves leases to give back
        MongoStore.Pending lastRemoval = null;
        Lookahead ahead = new Lookahead(held, stopped);
        try {
            for (int i = 0; i < held.size(); i++) {
                Document entry = held.get(i);
                String conversation = entry.getString("conversation");
                if (!running || (conversation != null && stopped.contains(conversation)) || clock.instant().isAfter(stopBy)) {
                    unused.add(entry.getString("_id"));
                    continue;
                }
                attempted++;
                // Rendered while the previous removal commits; nothing is sent before that removal is durable.
                Prepared prepared = ahead.take(i);
                if (lastRemoval != null) {
                    lastRemoval.await();
                    lastRemoval = null;
                }
                boolean sent = prepared != null && send(entry, prepared);
                if (sent) {
                    // Marked first, so the commit that makes the removal durable covers the new state too.
                    if (entry.getString("messageId") != null) messages.markDelivered(entry.getString("messageId"), clock.instant());
                    lastRemoval = outbox.removeSent(entry.getString("_id"));
                } else if (conversation != null && !finishedWith.remove(entry.getString("_id"))) {
                    stopped.add(conversation);
                }
            }
        } finally {
            ahead.discardRest();
            if (lastRemoval != null) lastRemoval.await();
        }
        outbox.release(unused, node);
        leasesToRelease = false;
        return attempted;
    }

    /** How many entries are rendered ahead of the one being sent; each holds one rendered message in memory. */
    static final int LOOKAHEAD = 4;

    /** What rendering an entry gave: the delivery, or why there is none. */
    private record Rendered(Prepared prepared, DeliveryException refused, RuntimeException error) {}

    /**
     * Renders a round's entries on the preparing thread, up to {@link #LOOKAHEAD} ahead of the one being sent.
     * Failures are only carried back: the delivery thread records them in order, as if it had rendered the entry.
     */
    private final class Lookahead {
        private final List<Document> entries;
        private final Set<String> stopped;
        private final List<java.util.concurrent.Future<Rendered>> futures = new ArrayList<>();

        Lookahead(List<Document> entries, Set<String> stopped) {
            this.entries = entries;
            this.stopped = stopped;
        }

        /** Entry {@code i} rendered (waiting for it if need be); null when it failed (recorded through {@link #failed}). */
        Prepared take(int i) {
            while (futures.size() <= Math.min(i + LOOKAHEAD, entries.size() - 1)) {
                Document entry = entries.get(futures.size());
                String conversation = entry.getString("conversation");
                // An entry whose conversation has stopped will not be sent this round: do not render it.
                boolean skip = futures.size() > i && conversation != null && stopped.contains(conversation);
                futures.add(skip ? null : preparer.submit(() -> render(entry)));
            }
            java.util.concurrent.Future<Rendered> f = futures.get(i);
            Rendered r;
            if (f == null) {
                r = render(entries.get(i));
            } else {
                try {
                    r = f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    r = new Rendered(null, null, new IllegalStateException("interrupted while rendering", e));
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                    r = new Rendered(null, null, new IllegalStateException("rendering failed: " + e, e));
                }
            }
            futures.set(i, null);
            return outcome(entries.get(i), r);
        }

        /** Entries rendered but not sent this round are dropped (they are given back and rendered again later). */
        void discardRest() {
            for (java.util.concurrent.Future<Rendered> f : futures) if (f != null) f.cancel(false);
            futures.clear();
        }
    }

    /** Renders one entry without recording anything. */
    private Rendered render(Document entry) {
        List<String> recipients = entry.getList("recipients", String.class);
        try {
            Prepared p = switch (Outbox.Kind.valueOf(entry.getString("kind"))) {
                case RELAY -> new Prepared(recipients, renderRelay(entry), null, null);
                case PREPARED -> new Prepared(recipients, entry.get("mime", Binary.class).getData(), null, null);
                case SMS -> new Prepared(recipients, null, entry.getString("smsFrom"), entry.getString("smsBody"));
            };
            return new Rendered(p, null, null);
        } catch (DeliveryException e) {
            return new Rendered(null, e, null);
        } catch (RuntimeException e) {
            return new Rendered(null, null, e);
        }
    }

    /** On the delivery thread: the rendered entry, or null after recording why there is none. */
    private Prepared outcome(Document entry, Rendered r) {
        if (r.prepared() != null) return r.prepared();
        if (r.refused() != null) {
            failedNow(entry, r.refused());
            return null;
        }
        RuntimeException e = r.error();
        if (StorageUnavailableException.isUnavailable(e)) throw e;
        LOG.log(Level.SEVERE, "outbox entry " + entry.getString("_id") + " could not be prepared; it stays for a later retry", e);
        failedNow(entry, DeliveryException.temporary("internal error: " + e.getMessage(), e));
        return null;
    }

    /** What goes out for one entry: the envelope recipients and the message as sent. */
    private record Prepared(List<String> recipients, byte[] mime, String smsFrom, String smsBody) {}

    /** Entries that failed for good this round: their conversation goes on. */
    private final Set<String> finishedWith = new HashSet<>();

    /** Sends one prepared entry; false when it failed (recorded through {@link #failed}). */
    private boolean send(Document entry, Prepared p) {
        try {
            if (p.mime() != null) {
                mail.send(composer.fromAddress(), p.recipients(), p.mime());
            } else {
                sms.send(p.smsFrom(), p.recipients().getFirst(), p.smsBody());
            }
            return true;
        } catch (DeliveryException e) {
            failedNow(entry, e);
            return false;
        } catch (RuntimeException e) {
            if (StorageUnavailableException.isUnavailable(e)) throw e;
            LOG.log(Level.SEVERE, "outbox entry " + entry.getString("_id") + " could not be sent; it stays for a later retry", e);
            failedNow(entry, DeliveryException.temporary("internal error: " + e.getMessage(), e));
            return false;
        }
    }

    private void failedNow(Document entry, DeliveryException e) {
        if (failed(entry, e)) finishedWith.add(entry.getString("_id"));
    }

    private byte[] renderRelay(Document entry) throws DeliveryException {
        // One message at a time: a message may be 25 MB, so a batch's raw MIME is not read at once.
        Document message = messages.findWithRaw(entry.getString("messageId")).orElse(null);
        if (message == null) {
            throw DeliveryException.permanent("the stored message is gone", List.of(), null);
        }
        RelayRenderer.Parties parties = parties(message);
        Document inReplyTo = message.getString("inReplyTo") == null ? null
                : messages.findWithRaw(message.getString("inReplyTo")).orElse(null);
        List<Document> refs = inReplyTo == null ? List.of() : List.of(inReplyTo);
        String redactedText = null, redactedSubject = null;
        Document verdict = message.get("verdict", Document.class);
        if (verdict != null && verdict.getBoolean("redact", false)) {
            List<String> details = verdict.getList("contacts", Document.class).stream().map(c -> c.getString("text")).toList();
            redactedText = Redaction.replaceAll(message.getString("text"), details);
            redactedSubject = Redaction.replaceAll(message.getString("subject"), details);
            if (!message.getList("attachments", Document.class, List.of()).isEmpty()) {
                redactedText += "\n\n[Attachments were removed together with the contact details. Ask your programme manager if you need them.]";
            }
        }
        return renderer.render(message, parties, inReplyTo, refs, redactedText, redactedSubject);
    }

    private RelayRenderer.Parties parties(Document message) {
        String org = message.getString("organisationId");
        User sender = registry.users.find(org, message.getString("senderId")).orElseThrow();
        User recipient = registry.users.find(org, message.getString("recipientId")).orElseThrow();
        String pairingId = message.getString("pairingId");
        Map<String, String> realToRelay = new LinkedHashMap<>();
        String senderRelay = null;
        for (RelayAddress a : relay.forPairing(pairingId)) {
            String address = a.address(relay.domain());
            if (a.participantId().equals(sender.id())) {
                senderRelay = address;
                realToRelay.put(sender.email(), address);
            } else if (a.participantId().equals(recipient.id())) {
                realToRelay.put(recipient.email(), address);
            }
        }
        if (senderRelay == null) throw new IllegalStateException("pairing " + pairingId + " has no relay address for its sender");
        List<InternetAddress> copies = new ArrayList<>();
        for (String managerId : message.getList("copies", String.class, List.of())) {
            registry.users.find(org, managerId).ifPresent(u -> {
                try {
                    copies.add(new InternetAddress(u.email(), Headers.clean(u.name()) + " (programme manager)", StandardCharsets.UTF_8.name()));
                } catch (UnsupportedEncodingException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return new RelayRenderer.Parties(sender.name(), senderRelay, recipient.name(), recipient.email(), copies, realToRelay);
    }

    /** Records the failure; true when the entry is finished with (failed for good), false when it is retried later. */
    private boolean failed(Document entry, DeliveryException e) {
        String id = entry.getString("_id");
        Instant now = clock.instant();
        int attempts = entry.getInteger("attempts", 0) + 1;
        boolean expired = !now.isBefore(entry.getDate("expiresAt").toInstant());
        if (!e.permanent() && !expired) {
            long factor = 1L << Math.min(attempts - 1, 20);
            Duration wait = initialRetry.multipliedBy(factor);
            if (wait.compareTo(maxRetry) > 0) wait = maxRetry;
            LOG.info("delivery of " + id + " failed (attempt " + attempts + "), retrying in " + wait.toSeconds() + "s: " + e.getMessage());
            outbox.retryLater(id, attempts, now.plus(wait), e.getMessage());
            return false;
        }
        LOG.warning("delivery of " + id + " failed for good: " + e.getMessage());
        outbox.done(id);
        String messageId = entry.getString("messageId");
        if (messageId != null) {
            messages.markFailed(messageId, e.getMessage());
            messages.find(entry.getString("organisationId"), messageId).ifPresent(m -> tellSender(m, expired, e));
        }
        return true;
    }

    private void tellSender(Document message, boolean expired, DeliveryException e) {
        String org = message.getString("organisationId");
        User sender = registry.users.find(org, message.getString("senderId")).orElse(null);
        User recipient = registry.users.find(org, message.getString("recipientId")).orElse(null);
        if (sender == null || recipient == null || message.getBoolean("automatic", false)) return;
        String why = expired ? "it could not be delivered for " + Duration.between(message.getDate("receivedAt").toInstant(),
                clock.instant()).toHours() + " hours" : "the receiving mail server refused it";
        byte[] mime = composer.text(List.of(sender.email()), "Your message to " + recipient.name() + " was not delivered",
                "Your message to " + recipient.name() + " (subject: \"" + message.getString("subject") + "\") was not delivered: "
                        + why + ".\n\nYou can send it again, or ask your programme manager for help.\n", false,
                clock.instant(), Ids.newId());
        outbox.insert(outbox.preparedEntry(org, "notice:" + sender.id(), List.of(sender.email()), mime, false, null,
                clock.instant(), "failure_notice"));
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        preparer.shutdownNow();
        mail.close();
    }
}
