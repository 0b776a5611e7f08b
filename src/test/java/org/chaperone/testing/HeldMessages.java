package org.chaperone.testing;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.chaperone.delivery.Outbox;
import org.chaperone.gateway.Gateway;
import org.chaperone.pipeline.Action;
import org.chaperone.pipeline.Channel;
import org.chaperone.pipeline.ConcernHit;
import org.chaperone.pipeline.ContactHit;
import org.chaperone.pipeline.Direction;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.MessageContent;
import org.chaperone.pipeline.Messages;
import org.chaperone.pipeline.Reason;
import org.chaperone.pipeline.TextPart;
import org.chaperone.pipeline.Verdict;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.Registry;
import org.chaperone.registry.User;
import org.chaperone.review.Incidents;
import org.chaperone.store.Ids;
import org.chaperone.store.Seq;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores a held or flagged web message exactly as the pipeline's store stage does — the message
 * document from {@link Messages#toDocument} with a verdict built here, its delivery entry when it is
 * not held, its urgent alert, and its incident records — for review tests written while the contact
 * and concern screeners live on other branches. Tests that need real screening (a phone number in a
 * web message) go through the API instead; see {@code ReviewThroughScreeningTest}.
 */
public final class HeldMessages {
    private HeldMessages() {}

    /** What a screener would have found: the reason, and the spans it matched. */
    public record Finding(Reason reason, List<ContactHit> contacts, List<ConcernHit> concerns, boolean urgent) {}

    /** A phone number written in the message text: held, as ScreenContactDetails holds it. */
    public static Finding phoneNumber(String text, String number) {
        int at = text.indexOf(number);
        if (at < 0) throw new IllegalArgumentException("'" + number + "' is not in the text");
        return new Finding(new Reason("contact_details", "it contained a phone number; the programme's code of conduct "
                + "does not allow sharing personal contact details", Action.HOLD),
                List.of(new ContactHit("phone", "text:0", at, at + number.length(), number)), List.of(), false);
    }

    /** A concern matched on {@code phrase}, with the action (and urgency) a programme's policy gives it. */
    public static Finding concern(String text, String category, String severity, String phrase, Action action, boolean urgent) {
        int at = text.indexOf(phrase);
        if (at < 0) throw new IllegalArgumentException("'" + phrase + "' is not in the text");
        return new Finding(new Reason("concern:" + category, "it may raise a safeguarding concern ("
                + category.replace('_', ' ') + ", " + severity + ")", action), List.of(),
                List.of(new ConcernHit(category, severity, category + ".q1", "\"" + phrase + "\"", "text:0",
                        List.of(new ConcernHit.Span(at, at + phrase.length(), phrase)))), urgent);
    }

    /** Stores a web message from {@code senderId} in the pairing, found to be as {@code findings} say; returns its id. */
    public static String store(Gateway gateway, String pairingId, String senderId, String subject, String text,
                               Instant receivedAt, Finding... findings) {
        Registry registry = gateway.registry();
        Pairing pairing = registry.pairings.findAcrossOrganisations(Filters.eq("_id", pairingId)).getFirst();
        String org = pairing.organisationId();
        Envelope e = new Envelope(Channel.WEB, receivedAt, null, null, null, "127.0.0.1");
        e.pairing = pairing;
        e.programme = registry.programmes.find(org, pairing.programmeId()).orElseThrow();
        e.sender = registry.users.find(org, senderId).orElseThrow();
        e.recipient = registry.users.find(org, pairing.mentorId().equals(senderId) ? pairing.menteeId() : pairing.mentorId()).orElseThrow();
        e.direction = pairing.mentorId().equals(senderId) ? Direction.MENTOR_TO_MENTEE : Direction.MENTEE_TO_MENTOR;
        e.content = MessageContent.text(subject, text);
        e.parts = subject == null || subject.isBlank() ? List.of(new TextPart("text:0", text))
                : List.of(new TextPart("subject", subject), new TextPart("text:0", text));
        Action action = Action.DELIVER;
        for (Finding f : findings) {
            e.reasons.add(f.reason());
            e.contacts.addAll(f.contacts());
            e.concerns.addAll(f.concerns());
            e.urgent |= f.urgent();
            action = action.strictest(f.reason().action());
        }
        e.verdict = new Verdict(action, e.reasons, e.contacts, e.concerns, false, e.urgent);
        List<User> copies = new ArrayList<>();
        if (pairing.needsManagerCopy(receivedAt, e.programme.policy().zone())) {
            for (String id : pairing.managerIds()) registry.users.find(org, id).filter(User::active).ifPresent(copies::add);
        }
        e.copies = copies;
        gateway.alerts().recordStage().apply(e);
        e.messageId = Ids.newId();

        gateway.store().collection(Messages.COLLECTION).insertOne(Messages.toDocument(e, Seq.next()));
        Outbox outbox = gateway.outbox();
        if (!e.verdict.held()) {
            List<String> recipients = new ArrayList<>(List.of(e.recipient.email()));
            copies.forEach(u -> recipients.add(u.email()));
            outbox.insert(outbox.relayEntry(org, pairing.id(), e.messageId, recipients, null, receivedAt));
        }
        for (Document alert : gateway.alerts().outboxEntries(e)) outbox.insert(alert);
        Incidents incidents = gateway.incidents();
        for (Envelope.IncidentNote note : e.incidents) {
            incidents.record(Incidents.newRecord(org, pairing.programmeId(), pairing.id(), e.messageId, note.type(),
                    note.summary(), null, null, receivedAt));
        }
        if (e.verdict.held()) {
            incidents.record(Incidents.newRecord(org, pairing.programmeId(), pairing.id(), e.messageId, "message_held",
                    "A message from " + e.sender.name() + " to " + e.recipient.name() + " was held because "
                            + String.join("; ", e.verdict.reasons().stream().map(Reason::detail).toList()) + ".",
                    null, null, receivedAt));
        }
        gateway.store().awaitDurable();
        // As the pipeline does after storing: the search index hears of it now, not at its next poll.
        gateway.messageChanges().changed(e.messageId);
        return e.messageId;
    }
}
