package org.chaperone.pipeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.chaperone.store.MongoStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Stored messages (collection {@code messages}): the content, the verdict with its reasons and
 * matched spans, who was copied, and the delivery and review state. The raw MIME stays in the
 * document for faithful forwarding and is left out of every listing.
 */
public final class Messages {
    public static final String COLLECTION = "messages";
    public static final Bson WITHOUT_RAW = Projections.exclude("raw");
    /** What change listeners (the search index) are given of a message: never the raw MIME or the screened parts. */
    public static final Bson CHANGE_VIEW = Projections.exclude("raw", "html", "parts", "attachments");

    /** Where a message is in its life. */
    public enum State {
        QUEUED, HELD, DELIVERED, REJECTED, FAILED;

        public String wireName() {
            return name().toLowerCase();
        }
    }

    private final MongoCollection<Document> collection;
    private final MessageChanges changes;

    public Messages(MongoStore store) {
        this(store, new MessageChanges());
    }

    public Messages(MongoStore store, MessageChanges changes) {
        this.collection = store.collection(COLLECTION);
        this.changes = changes;
    }

    public MongoCollection<Document> collection() {
        return collection;
    }

    public static Document toDocument(Envelope e, long seq) {
        Verdict v = e.verdict;
        Document doc = new Document("_id", e.messageId)
                .append("organisationId", e.pairing.organisationId())
                .append("programmeId", e.pairing.programmeId())
                .append("pairingId", e.pairing.id())
                .append("channel", e.channel.wireName())
                .append("direction", e.direction.wireName())
                .append("senderId", e.sender.id())
                .append("recipientId", e.recipient.id())
                .append("receivedAt", Date.from(e.receivedAt))
                .append("seq", seq)
                .append(MessageChanges.FIELD, seq)
                .append("subject", e.content.subject())
                .append("text", e.content.readableText())
                .append("html", e.content.htmlParts().isEmpty() ? null : String.join("\n", e.content.htmlParts()))
                .append("attachments", attachments(e.content.attachments()))
                .append("originalMessageId", e.content.headers().messageId())
                .append("inReplyTo", e.inReplyToMessageId)
                .append("automatic", e.automatic)
                .append("verdict", verdict(v))
                // The screened text of every part, so the review screen can show the matched spans in place.
                .append("parts", v.flagged() ? parts(e.parts) : null)
                .append("copies", e.copies.stream().map(u -> u.id()).toList())
                .append("deliverAfter", e.deliverAfter == null ? null : Date.from(e.deliverAfter))
                .append("state", (v.held() ? State.HELD : State.QUEUED).wireName())
                .append("review", v.flagged() ? new Document("state", "open") : null);
        if (e.raw != null) doc.append("raw", new Binary(e.raw));
        return doc;
    }

    private static List<Document> parts(List<TextPart> parts) {
        List<Document> out = new ArrayList<>();
        for (TextPart p : parts) out.add(new Document("source", p.source()).append("text", p.text()));
        return out;
    }

    private static List<Document> attachments(List<Attachment> list) {
        List<Document> out = new ArrayList<>();
        for (Attachment a : list) {
            out.add(new Document("filename", a.filename()).append("contentType", a.declaredType()).append("size", a.size()));
        }
        return out;
    }

    static Document verdict(Verdict v) {
        List<Document> reasons = new ArrayList<>();
        for (Reason r : v.reasons()) {
            reasons.add(new Document("code", r.code()).append("detail", r.detail()).append("action", r.action().wireName()));
        }
        List<Document> contacts = new ArrayList<>();
        for (ContactHit c : v.contacts()) {
            contacts.add(new Document("kind", c.kind()).append("part", c.part()).append("start", c.start())
                    .append("end", c.end()).append("text", c.text()));
        }
        List<Document> concerns = new ArrayList<>();
        for (ConcernHit c : v.concerns()) {
            List<Document> spans = new ArrayList<>();
            for (ConcernHit.Span s : c.spans()) {
                spans.add(new Document("start", s.start()).append("end", s.end()).append("text", s.text()));
            }
            concerns.add(new Document("category", c.category()).append("severity", c.severity())
                    .append("queryId", c.queryId()).append("query", c.query()).append("part", c.part())
                    .append("spans", spans));
        }
        return new Document("action", v.action().wireName()).append("reasons", reasons).append("contacts", contacts)
                .append("concerns", concerns).append("redact", v.redact()).append("urgent", v.urgent());
    }

    public Optional<Document> find(String organisationId, String id) {
        return Optional.ofNullable(collection.find(Filters.and(Filters.eq("_id", id),
                Filters.eq("organisationId", organisationId))).projection(WITHOUT_RAW).first());
    }

    /** With the raw MIME, for rendering a delivery. */
    public Optional<Document> findWithRaw(String id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first());
    }

    public List<Document> conversation(String organisationId, String pairingId, int limit) {
        return collection.find(Filters.and(Filters.eq("organisationId", organisationId), Filters.eq("pairingId", pairingId)))
                .projection(WITHOUT_RAW).sort(Sorts.ascending("receivedAt")).limit(limit).into(new ArrayList<>());
    }

    /** Up to {@code limit} messages of the pairing just before ({@code before}) or just after a moment, in time order. */
    public List<Document> around(String organisationId, String pairingId, Instant at, boolean before, int limit) {
        Bson when = before ? Filters.lt("receivedAt", Date.from(at)) : Filters.gt("receivedAt", Date.from(at));
        List<Document> found = collection.find(Filters.and(Filters.eq("organisationId", organisationId),
                        Filters.eq("pairingId", pairingId), when))
                .projection(Projections.exclude("raw", "html", "parts"))
                .sort(before ? Sorts.descending("receivedAt") : Sorts.ascending("receivedAt")).limit(limit)
                .into(new ArrayList<>());
        if (before) java.util.Collections.reverse(found);
        return found;
    }

    public void markDelivered(String id, Instant at) {
        // The updated message comes back in the same round trip, so the index need not read it again.
        Document updated = collection.findOneAndUpdate(Filters.eq("_id", id), Updates.combine(
                        Updates.set("state", State.DELIVERED.wireName()), Updates.set("deliveredAt", Date.from(at)),
                        MessageChanges.stamp()),
                new com.mongodb.client.model.FindOneAndUpdateOptions().projection(CHANGE_VIEW)
                        .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER));
        changes.changed(id, updated);
    }

    public void markFailed(String id, String reason) {
        collection.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("state", State.FAILED.wireName()), Updates.set("failure", reason), MessageChanges.stamp()));
        changes.changed(id);
    }
}
