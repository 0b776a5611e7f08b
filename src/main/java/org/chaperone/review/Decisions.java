package org.chaperone.review;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.chaperone.delivery.Composer;
import org.chaperone.delivery.Outbox;
import org.chaperone.pipeline.MessageChanges;
import org.chaperone.pipeline.Messages;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.Registry;
import org.chaperone.registry.User;
import org.chaperone.store.Ids;
import org.chaperone.store.MongoStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Takes decisions on review items. A decision is claimed with one atomic update of the message,
 * conditional on the item still waiting, so of two managers deciding at once exactly one wins and the
 * other is told who decided what, and when (409). The claim also stores the decision's follow-up
 * (the record, the delivery, the notice, the DSL's mail) as pending; the follow-up's writes carry ids
 * fixed in the claim, so a follow-up interrupted by a crash is completed at the next start
 * ({@link #resumePending()}) without doing anything twice.
 */
public final class Decisions {
    private static final Logger LOG = Logger.getLogger(Decisions.class.getName());
    public static final int MAX_NOTE = 4000;

    private final MongoStore store;
    private final MongoCollection<Document> messages;
    private final Registry registry;
    private final Incidents incidents;
    private final Outbox outbox;
    private final Composer composer;
    private final Alerts alerts;
    private final Clock clock;
    private final Runnable wakeDelivery;
    private final MessageChanges changes;

    /** A decision taken: the message after it, and the record written. */
    public record Outcome(Document message, IncidentRecord record) {}

    public Decisions(MongoStore store, Registry registry, Incidents incidents, Outbox outbox, Composer composer, Alerts alerts,
                     Clock clock, Runnable wakeDelivery) {
        this(store, registry, incidents, outbox, composer, alerts, clock, wakeDelivery, new MessageChanges());
    }

    /** @param changes told of each message a decision changed (the search index follows it) */
    public Decisions(MongoStore store, Registry registry, Incidents incidents, Outbox outbox, Composer composer, Alerts alerts,
                     Clock clock, Runnable wakeDelivery, MessageChanges changes) {
        this.store = store;
        this.messages = store.collection(Messages.COLLECTION);
        this.registry = registry;
        this.incidents = incidents;
        this.outbox = outbox;
        this.composer = composer;
        this.alerts = alerts;
        this.clock = clock;
        this.wakeDelivery = wakeDelivery;
        this.changes = changes;
    }

    /** Blocking. Throws {@link ReviewException} when the item is not in the caller's scope or cannot be decided. */
    public Outcome decide(Scope scope, String messageId, Decision decision, String note) {
        User me = scope.viewer();
        Document message = find(scope, messageId);
        if (decision == Decision.NOTE && (note == null || note.isBlank())) throw new ReviewException(ReviewException.Kind.INVALID, "note", "is required for a note");
        // An earlier decision whose follow-up failed (the database went away) is finished first.
        for (Document pending : ReviewItem.review(message).getList("pending", Document.class, List.of())) complete(message, pending);
        refusal(message, decision).ifPresent(e -> {
            throw e;
        });
        if (decision == Decision.RELEASE && scope.pairing(message.getString("pairingId")).map(p -> !p.isActive()).orElse(true)) {
            throw new ReviewException(ReviewException.Kind.NOT_APPLICABLE,
                    "This pairing has ended, so its messages are no longer delivered; reject the message or add a note.");
        }
        Instant now = clock.instant();
        Document followUp = followUp(me, decision, note, now);
        Document claimed = claim(message, decision, followUp, now);
        if (claimed == null) {
            Document current = find(scope, messageId);
            throw refusal(current, decision).orElseGet(() -> new ReviewException(ReviewException.Kind.CHANGED,
                    "This item changed while you were deciding; open it again to see its state."));
        }
        if (decision != Decision.NOTE) changes.changed(messageId);
        IncidentRecord record = complete(claimed, followUp);
        return new Outcome(claimed, record);
    }

    private Document find(Scope scope, String messageId) {
        Document d = messages.find(Filters.and(Filters.eq("_id", messageId), scope.filter()))
                .projection(Messages.WITHOUT_RAW).first();
        if (d == null || ReviewItem.review(d) == null) throw ReviewException.notFound("Review item");
        return d;
    }

    /** Why this decision cannot be taken on the item as it is now, if it cannot. */
    public static Optional<ReviewException> refusal(Document message, Decision decision) {
        Document review = ReviewItem.review(message);
        ReviewState state = ReviewItem.state(message);
        if (decision == Decision.NOTE) return Optional.empty();
        if (!state.waiting()) {
            return Optional.of(new ReviewException(ReviewException.Kind.ALREADY_DECIDED, "This item was already "
                    + Decision.fromWire(review.getString("decision")).pastTense() + " by "
                    + review.getString("decidedByName") + " at " + when(review.getDate("decidedAt"))
                    + "; nothing was changed."));
        }
        if (decision == Decision.ESCALATE && state == ReviewState.ESCALATED) {
            return Optional.of(new ReviewException(ReviewException.Kind.ALREADY_DECIDED,
                    "This item was already escalated to the DSL by " + review.getString("escalatedByName") + " at "
                            + when(review.getDate("escalatedAt")) + "; nothing was changed."));
        }
        boolean held = ReviewItem.heldNow(message);
        if (!decision.appliesTo(held)) {
            return Optional.of(new ReviewException(ReviewException.Kind.NOT_APPLICABLE, held
                    ? "This message is held: release it (it is delivered now) or reject it (it is not delivered); "
                    + "'reviewed' is for messages that were delivered."
                    : "This message was not held (it was delivered), so it cannot be " + decision.pastTense()
                    + "; mark it reviewed, or escalate it."));
        }
        return Optional.empty();
    }

    /** What remains to do once a decision is claimed; stored with the claim until it is done. */
    static Document followUp(User by, Decision decision, String note, Instant at) {
        return new Document("id", Ids.newId()).append("decision", decision.wireName())
                .append("byId", by.id()).append("byName", by.name()).append("byRole", by.role().wireName())
                .append("at", Date.from(at)).append("note", note == null || note.isBlank() ? null : note);
    }

    /** The atomic step: the item moves on only if it is still in a state the decision may be taken from. */
    Document claim(Document message, Decision decision, Document followUp, Instant now) {
        if (decision == Decision.NOTE) return message;
        List<Bson> conditions = new ArrayList<>(List.of(Filters.eq("_id", message.getString("_id")),
                Filters.eq("organisationId", message.getString("organisationId")),
                Filters.in("review.state", ReviewState.wireNames(decision.from()))));
        if (decision == Decision.RELEASE || decision == Decision.REJECT) conditions.add(Filters.eq("state", "held"));
        if (decision == Decision.REVIEWED) conditions.add(Filters.ne("state", "held"));
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set("review.state", decision.leadsTo().wireName()),
                Updates.push("review.pending", followUp), MessageChanges.stamp()));
        if (decision == Decision.ESCALATE) {
            updates.add(Updates.set("review.escalatedById", followUp.getString("byId")));
            updates.add(Updates.set("review.escalatedByName", followUp.getString("byName")));
            updates.add(Updates.set("review.escalatedAt", Date.from(now)));
        } else {
            updates.add(Updates.set("review.decision", decision.wireName()));
            updates.add(Updates.set("review.decidedById", followUp.getString("byId")));
            updates.add(Updates.set("review.decidedByName", followUp.getString("byName")));
            updates.add(Updates.set("review.decidedByRole", followUp.getString("byRole")));
            updates.add(Updates.set("review.decidedAt", Date.from(now)));
            updates.add(Updates.set("review.note", followUp.getString("note")));
        }
        if (decision == Decision.RELEASE) updates.add(Updates.set("state", Messages.State.QUEUED.wireName()));
        if (decision == Decision.REJECT) updates.add(Updates.set("state", Messages.State.REJECTED.wireName()));
        return messages.findOneAndUpdate(Filters.and(conditions), Updates.combine(updates),
                new FindOneAndUpdateOptions().projection(Messages.WITHOUT_RAW).returnDocument(ReturnDocument.AFTER));
    }

    /** Writes what the decision implies, each with an id fixed by the follow-up, then clears it. Blocking. */
    private IncidentRecord complete(Document message, Document followUp) {
        String org = message.getString("organisationId");
        Decision decision = Decision.fromWire(followUp.getString("decision"));
        Pairing pairing = registry.pairings.find(org, message.getString("pairingId")).orElseThrow();
        Names names = new Names(registry, org);
        User by = names.user(followUp.getString("byId")).orElseThrow();
        String id = followUp.getString("id");
        Instant at = followUp.getDate("at").toInstant();
        String note = followUp.getString("note");
        String from = names.name(message.getString("senderId")), to = names.name(message.getString("recipientId"));
        String what = ReviewItem.kind(message) + " message from " + from + " to " + to;
        StringBuilder summary = new StringBuilder(Names.withRole(by));
        switch (decision) {
            case RELEASE -> {
                List<String> recipients = new ArrayList<>();
                names.user(message.getString("recipientId")).ifPresent(u -> recipients.add(u.email()));
                List<String> copied = new ArrayList<>();
                for (String managerId : message.getList("copies", String.class, List.of())) {
                    names.user(managerId).ifPresent(u -> {
                        recipients.add(u.email());
                        copied.add(u.name());
                    });
                }
                Date after = message.getDate("deliverAfter");
                insertOnce(Outbox.COLLECTION, outbox.relayEntry(org, pairing.id(), message.getString("_id"), recipients,
                        after == null ? null : after.toInstant(), clock.instant()));
                summary.append(" released the ").append(what).append("; it is delivered")
                        .append(copied.isEmpty() ? "" : " with a copy to " + String.join(", ", copied)).append('.');
            }
            case REJECT -> {
                String rules = rules(message);
                User sender = names.user(message.getString("senderId")).orElse(null);
                if (sender != null && !message.getBoolean("automatic", false)) {
                    byte[] mime = composer.text(List.of(sender.email()), "Your message to " + to + " was not delivered",
                            "Your message to " + to + " (subject: \"" + message.getString("subject") + "\"), sent "
                                    + Alerts.WHEN.format(message.getDate("receivedAt").toInstant()) + ", was reviewed by the "
                                    + "programme team and will not be delivered, because " + rules + ".\n\n"
                                    + "This is a rule of the programme's code of conduct, which keeps mentoring safe for everyone. "
                                    + "If you think this is a mistake, talk to your programme manager.\n",
                            false, at, Ids.newId());
                    Document notice = outbox.preparedEntry(org, "notice:" + sender.id(), List.of(sender.email()), mime, false,
                            null, clock.instant(), "rejection_notice");
                    notice.put("_id", id + ":notice");
                    insertOnce(Outbox.COLLECTION, notice);
                }
                summary.append(" rejected the ").append(what).append("; it was not delivered, and ").append(from)
                        .append(" was told it broke the rule: ").append(rules).append('.');
            }
            case ESCALATE -> {
                Document mail = alerts.escalation(message, pairing, by, note, id + ":escalation", clock.instant());
                if (mail != null) insertOnce(Outbox.COLLECTION, mail);
                summary.append(" escalated the ").append(what).append(" to ")
                        .append(Alerts.people(alerts.escalationRecipients(pairing))).append('.');
            }
            case REVIEWED -> summary.append(" marked the ").append(what).append(" as reviewed.");
            case NOTE -> summary.append(" added a note about the ").append(what).append('.');
        }
        if (note != null) summary.append(" Note: ").append(note);
        IncidentRecord record = incidents.recordOnce(new IncidentRecord(id, org, pairing.programmeId(), pairing.id(),
                message.getString("_id"), decision.incidentType(), summary.toString(), by.id(), by.role().wireName(), at, null));
        store.awaitDurable();
        if (decision != Decision.NOTE) {
            messages.updateOne(Filters.eq("_id", message.getString("_id")), Updates.pull("review.pending", new Document("id", id)));
        }
        wakeDelivery.run();
        return record;
    }

    /** The rules the message broke, in the words the sender was given when it was held. */
    static String rules(Document message) {
        List<String> why = new ArrayList<>();
        for (Document r : ReviewItem.verdict(message).getList("reasons", Document.class, List.of())) {
            if ("hold".equals(r.getString("action"))) why.add(r.getString("detail"));
        }
        return why.isEmpty() ? "it did not follow the programme's code of conduct" : String.join("; and ", why);
    }

    /** Completes follow-ups a stop or crash interrupted. Run at start, before delivery begins. Blocking. */
    public int resumePending() {
        int done = 0;
        for (Document message : messages.find(Filters.exists("review.pending.id")).projection(Messages.WITHOUT_RAW)) {
            for (Document followUp : ReviewItem.review(message).getList("pending", Document.class, List.of())) {
                LOG.info("completing interrupted decision " + followUp.getString("decision") + " on message "
                        + message.getString("_id"));
                complete(message, followUp);
                done++;
            }
        }
        return done;
    }

    private void insertOnce(String collection, Document doc) {
        try {
            store.collection(collection).insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) throw e;
        }
    }

    static String when(Date date) {
        return date == null ? "an unknown time" : Alerts.WHEN.format(date.toInstant());
    }
}
