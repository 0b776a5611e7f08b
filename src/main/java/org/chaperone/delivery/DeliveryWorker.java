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
import org.chaperone.store.StorageUnavailableException;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private volatile boolean running = true;

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

    /** One round: every due entry, at most one per conversation. Returns how many were attempted. */
    int deliverDue() {
        Instant now = clock.instant();
        List<Document> due = outbox.due(now, 200);
        for (Document d : due) {
            if (!running) break;
            Document entry = outbox.claim(d.getString("_id"), now, node);
            if (entry != null) attempt(entry);
        }
        return due.size();
    }

    private void attempt(Document entry) {
        String id = entry.getString("_id");
        try {
            switch (Outbox.Kind.valueOf(entry.getString("kind"))) {
                case RELAY -> sendRelay(entry);
                case PREPARED -> mail.send(composer.fromAddress(), entry.getList("recipients", String.class),
                        entry.get("mime", Binary.class).getData());
                case SMS -> sms.send(entry.getString("smsFrom"), entry.getList("recipients", String.class).getFirst(),
                        entry.getString("smsBody"));
            }
            outbox.done(id);
            if (entry.getString("messageId") != null) messages.markDelivered(entry.getString("messageId"), clock.instant());
        } catch (DeliveryException e) {
            failed(entry, e);
        } catch (RuntimeException e) {
            if (StorageUnavailableException.isUnavailable(e)) throw e;
            LOG.log(Level.SEVERE, "outbox entry " + id + " could not be prepared; it stays for a later retry", e);
            failed(entry, DeliveryException.temporary("internal error: " + e.getMessage(), e));
        }
    }

    private void sendRelay(Document entry) throws DeliveryException {
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
        byte[] mime = renderer.render(message, parties, inReplyTo, refs, redactedText, redactedSubject);
        mail.send(composer.fromAddress(), entry.getList("recipients", String.class), mime);
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

    private void failed(Document entry, DeliveryException e) {
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
            return;
        }
        LOG.warning("delivery of " + id + " failed for good: " + e.getMessage());
        outbox.done(id);
        String messageId = entry.getString("messageId");
        if (messageId != null) {
            messages.markFailed(messageId, e.getMessage());
            messages.find(entry.getString("organisationId"), messageId).ifPresent(m -> tellSender(m, expired, e));
        }
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
        mail.close();
    }
}
