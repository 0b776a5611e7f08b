package org.chaperone.pipeline.stages;

import org.bson.Document;
import org.chaperone.delivery.Composer;
import org.chaperone.delivery.Outbox;
import org.chaperone.delivery.SmsText;
import org.chaperone.pipeline.Channel;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Messages;
import org.chaperone.pipeline.Stage;
import org.chaperone.review.Incidents;
import org.chaperone.store.BatchWriter;
import org.chaperone.store.Ids;
import org.chaperone.store.Seq;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Stores the message with its verdict, its outbox entries (the delivery, notices to the sender,
 * alerts) and its incident records in one durable batch. Only after this returns may the sender
 * be told "accepted" (SMTP 250, HTTP 202). A text goes out as a text when the recipient has a number
 * ({@link Envelope#recipientNumber}), else by email; notices to a texter go back by text.
 */
public final class StoreMessage implements Stage {
    private final BatchWriter writer;
    private final Outbox outbox;
    private final Composer composer;
    private final List<Function<Envelope, List<Document>>> extraOutbox;

    /** @param extraOutbox other outgoing mail decided for this message (urgent alerts, …), stored with it */
    public StoreMessage(BatchWriter writer, Outbox outbox, Composer composer,
                        List<Function<Envelope, List<Document>>> extraOutbox) {
        this.writer = writer;
        this.outbox = outbox;
        this.composer = composer;
        this.extraOutbox = List.copyOf(extraOutbox);
    }

    private static List<String> redacted(Envelope e) {
        return e.verdict.redact() ? e.verdict.contacts().stream().map(c -> c.text()).toList() : List.of();
    }

    @Override
    public void apply(Envelope e) {
        e.messageId = Ids.newId();
        BatchWriter.Writes writes = new BatchWriter.Writes();
        Document message = Messages.toDocument(e, Seq.next());
        writes.add(Messages.COLLECTION, message);
        String org = e.pairing.organisationId();
        if (!e.verdict.held()) {
            List<String> recipients = new ArrayList<>();
            if (e.recipientNumber != null) {
                // A text is relayed as a text from the relay number it was sent to; copies still go by email.
                writes.add(Outbox.COLLECTION, outbox.smsEntry(org, e.pairing.id(), e.messageId, e.recipientAddress,
                        e.recipientNumber, SmsText.relayed(e.sender.name(), e.content.readableText(), redacted(e)),
                        e.deliverAfter, e.receivedAt));
            } else {
                recipients.add(e.recipient.email());
            }
            e.copies.forEach(u -> recipients.add(u.email()));
            if (!recipients.isEmpty()) {
                writes.add(Outbox.COLLECTION, outbox.relayEntry(org, e.pairing.id(), e.messageId, recipients, e.deliverAfter, e.receivedAt));
            }
        }
        for (Envelope.Notice n : e.notices) {
            if (e.channel == Channel.SMS && e.senderNumber != null) {
                // The texter hears back where they wrote: a text from the relay number.
                writes.add(Outbox.COLLECTION, outbox.smsEntry(org, "notice:" + e.sender.id(), null, e.recipientAddress,
                        e.senderNumber, SmsText.notice(n.subject()), null, e.receivedAt));
                continue;
            }
            byte[] mime = composer.text(List.of(e.sender.email()), n.subject(), n.body(), false, e.receivedAt, Ids.newId());
            writes.add(Outbox.COLLECTION, outbox.preparedEntry(org, "notice:" + e.sender.id(), List.of(e.sender.email()),
                    mime, false, null, e.receivedAt, "notice"));
        }
        for (Function<Envelope, List<Document>> extra : extraOutbox) {
            for (Document d : extra.apply(e)) writes.add(Outbox.COLLECTION, d);
        }
        for (Envelope.IncidentNote note : e.incidents) {
            writes.add(Incidents.COLLECTION, Incidents.toDocument(Incidents.newRecord(org, e.pairing.programmeId(),
                    e.pairing.id(), e.messageId, note.type(), note.summary(), null, null, e.receivedAt)));
        }
        if (e.verdict.held()) {
            writes.add(Incidents.COLLECTION, Incidents.toDocument(Incidents.newRecord(org, e.pairing.programmeId(),
                    e.pairing.id(), e.messageId, "message_held",
                    "A message from " + e.sender.name() + " to " + e.recipient.name() + " was held because "
                            + String.join("; ", e.verdict.reasons().stream().map(r -> r.detail()).toList()) + ".",
                    null, null, e.receivedAt)));
        }
        writer.write(writes);
        e.stored = message;
    }
}
