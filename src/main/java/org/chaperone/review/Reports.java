package org.chaperone.review;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.chaperone.pipeline.MessageChanges;
import org.chaperone.pipeline.Messages;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.Registry;
import org.chaperone.registry.User;
import org.chaperone.store.Ids;
import org.chaperone.store.MongoStore;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A participant reports a message they received ("this made me uncomfortable"): the report is written
 * in the incident record and the message becomes a waiting review item — added to the item when it
 * is already waiting, reopening it when it was decided before.
 */
public final class Reports {
    public static final int MAX_REASON = 2000;
    private final MongoStore store;
    private final MongoCollection<Document> messages;
    private final Registry registry;
    private final Incidents incidents;
    private final Clock clock;
    private final MessageChanges changes;

    public record Report(String id, String messageId, Instant at, IncidentRecord record) {}

    public Reports(MongoStore store, Registry registry, Incidents incidents, Clock clock) {
        this(store, registry, incidents, clock, new MessageChanges());
    }

    /** @param changes told of each message a report turned into a review item (the search index follows it) */
    public Reports(MongoStore store, Registry registry, Incidents incidents, Clock clock, MessageChanges changes) {
        this.store = store;
        this.messages = store.collection(Messages.COLLECTION);
        this.registry = registry;
        this.incidents = incidents;
        this.clock = clock;
        this.changes = changes;
    }

    /** Blocking. */
    public Report report(User me, String pairingId, String messageId, String reason) {
        Pairing pairing = registry.pairings.find(me.organisationId(), pairingId).filter(p -> p.involves(me.id()))
                .orElseThrow(() -> ReviewException.notFound("Pairing"));
        Document message = messages.find(Filters.and(Filters.eq("_id", messageId),
                        Filters.eq("organisationId", me.organisationId()), Filters.eq("pairingId", pairing.id())))
                .projection(Messages.WITHOUT_RAW).first();
        boolean sentToMe = message != null && me.id().equals(message.getString("recipientId"));
        boolean reachedMe = message != null && !List.of("held", "rejected").contains(message.getString("state"));
        if (message == null || (sentToMe && !reachedMe)) throw ReviewException.notFound("Message");
        if (!sentToMe) {
            throw new ReviewException(ReviewException.Kind.NOT_ALLOWED,
                    "Only the person a message was written to can report it; this one was written by you.");
        }
        Instant now = clock.instant();
        String id = Ids.newId();
        String said = reason == null || reason.isBlank() ? "" : ": \u201c" + reason.strip() + "\u201d";
        Names names = new Names(registry, me.organisationId());
        IncidentRecord record = incidents.recordOnce(new IncidentRecord(id, me.organisationId(), pairing.programmeId(),
                pairing.id(), messageId, "message_reported", Names.withRole(me) + " reported a message from "
                + names.name(message.getString("senderId")) + " received " + Alerts.WHEN.format(message.getDate("receivedAt").toInstant())
                + said, me.id(), me.role().wireName(), now, null));
        Document report = new Document("id", id).append("at", Date.from(now)).append("byId", me.id())
                .append("byName", me.name()).append("reason", reason == null || reason.isBlank() ? null : reason.strip());
        Bson thisMessage = Filters.eq("_id", messageId);
        boolean done = false;
        for (int attempt = 0; attempt < 3 && !done; attempt++) {
            // Already waiting: the report joins the item.
            done = messages.updateOne(Filters.and(thisMessage, Filters.in("review.state", ReviewState.wireNames(ReviewState.WAITING))),
                    Updates.combine(Updates.push("review.reports", report), MessageChanges.stamp())).getMatchedCount() == 1;
            // Decided before: the report reopens it, and it waits from now.
            if (!done) done = messages.updateOne(Filters.and(thisMessage, Filters.in("review.state",
                            List.of("released", "rejected", "reviewed"))),
                    Updates.combine(Updates.set("review.state", ReviewState.OPEN.wireName()),
                            Updates.set("review.waitingSince", Date.from(now)), Updates.set("review.reopenedAt", Date.from(now)),
                            Updates.push("review.reports", report), MessageChanges.stamp())).getMatchedCount() == 1;
            // Never flagged: it becomes an item now.
            if (!done) done = messages.updateOne(Filters.and(thisMessage, Filters.eq("review", null)),
                    Updates.combine(Updates.set("review", new Document("state", ReviewState.OPEN.wireName())
                            .append("waitingSince", Date.from(now)).append("reports", List.of(report))),
                            MessageChanges.stamp())).getMatchedCount() == 1;
        }
        if (!done) throw new ReviewException(ReviewException.Kind.CHANGED, "The message changed while it was being reported; try again.");
        store.awaitDurable();
        changes.changed(messageId);
        return new Report(id, messageId, now, record);
    }
}
