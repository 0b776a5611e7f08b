package org.chaperone.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bson.Document;
import org.chaperone.delivery.Redaction;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.User;
import org.chaperone.relay.RelayAddress;
import org.chaperone.review.Decision;
import org.chaperone.review.Decisions;
import org.chaperone.review.Highlights;
import org.chaperone.review.IncidentRecord;
import org.chaperone.review.Names;
import org.chaperone.review.ReviewException;
import org.chaperone.review.ReviewItem;
import org.chaperone.review.Scope;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/** What the review API shows of queue items, opened items and incident records. */
final class ReviewViews {
    private ReviewViews() {}

    /** The failure a caller understands, for a review action that could not be done. */
    static Throwable translate(Throwable t) {
        if (!(t instanceof ReviewException r)) return t;
        return switch (r.kind()) {
            case NOT_FOUND -> new ApiException(404, "not_found", r.getMessage(), null);
            case ALREADY_DECIDED -> new ApiException(409, "already_decided", r.getMessage(), null);
            case NOT_APPLICABLE -> new ApiException(409, "not_applicable", r.getMessage(), null);
            case CHANGED -> new ApiException(409, "conflict", r.getMessage(), null);
            case INVALID -> ApiException.invalid(r.field(), r.getMessage());
            case NOT_ALLOWED -> ApiException.forbidden(r.getMessage());
        };
    }

    /** A queue row: why it waits and for how long; no content. */
    static JsonObject queueItem(Document m, Scope scope, Names names, Instant now) {
        Document review = ReviewItem.review(m);
        Pairing pairing = scope.pairing(m.getString("pairingId")).orElse(null);
        return new JsonObject()
                .put("id", m.getString("_id"))
                .put("pairingId", m.getString("pairingId"))
                .put("pairing", names.pairing(pairing))
                .put("programmeId", m.getString("programmeId"))
                .put("programme", scope.programme(m.getString("programmeId")).map(p -> p.name()).orElse(""))
                .put("kind", ReviewItem.kind(m))
                .put("held", ReviewItem.heldNow(m))
                .put("reviewState", review.getString("state"))
                .put("messageState", m.getString("state"))
                .put("severity", ReviewItem.severity(m))
                .put("categories", new JsonArray(ReviewItem.categories(m)))
                .put("urgent", ReviewItem.urgent(m))
                .put("reports", ReviewItem.reports(m).size())
                .put("channel", m.getString("channel"))
                .put("direction", m.getString("direction"))
                .put("sender", names.name(m.getString("senderId")))
                .put("recipient", names.name(m.getString("recipientId")))
                .put("receivedAt", iso(m.getDate("receivedAt")))
                .put("waitingSince", ReviewItem.waitingSince(m).toString())
                .put("waitedSeconds", ReviewItem.waited(m, now).toSeconds())
                .put("waited", ReviewItem.describe(ReviewItem.waited(m, now)))
                .put("decidedBy", review.getString("decidedByName"))
                .put("decidedAt", iso(review.getDate("decidedAt")))
                .put("decision", review.getString("decision"))
                .put("escalatedBy", review.getString("escalatedByName"))
                .put("escalatedAt", iso(review.getDate("escalatedAt")));
    }

    /** An opened item: the message as delivered, the verdict, the highlighted parts, the conversation, the record. */
    static JsonObject item(Document m, Scope scope, Names names, Instant now, List<RelayAddress> relay, String relayDomain,
                           List<Document> before, List<Document> after, List<IncidentRecord> record) {
        JsonObject json = queueItem(m, scope, names, now);
        Document verdict = ReviewItem.verdict(m);
        boolean redact = verdict.getBoolean("redact", false);
        List<String> details = verdict.getList("contacts", Document.class, List.of()).stream().map(c -> c.getString("text")).toList();
        String senderId = m.getString("senderId");
        String senderRelay = relay.stream().filter(a -> a.participantId().equals(senderId)).map(a -> a.address(relayDomain))
                .findFirst().orElse(null);
        JsonArray cc = new JsonArray();
        for (String id : m.getList("copies", String.class, List.of())) cc.add(names.name(id) + " (programme manager)");
        JsonArray attachments = new JsonArray();
        for (Document a : m.getList("attachments", Document.class, List.of())) {
            attachments.add(new JsonObject().put("filename", a.getString("filename")).put("contentType", a.getString("contentType"))
                    .put("size", a.get("size")));
        }
        json.put("asDelivered", new JsonObject()
                .put("from", names.name(senderId) + " (via Chaperone)")
                .put("fromAddress", senderRelay)
                .put("to", names.name(m.getString("recipientId")))
                .put("cc", cc)
                .put("subject", redact ? Redaction.replaceAll(m.getString("subject"), details) : m.getString("subject"))
                .put("text", redact ? Redaction.replaceAll(m.getString("text"), details) : m.getString("text"))
                .put("attachments", redact ? new JsonArray() : attachments)
                .put("redacted", redact)
                .put("deliverAfter", iso(m.getDate("deliverAfter")))
                .put("note", ReviewItem.heldNow(m) ? "Held: the recipient has not received this message."
                        : "rejected".equals(m.getString("state")) ? "Rejected: the recipient never received this message."
                        : redact ? "Delivered with the contact details removed, as shown." : "Delivered as shown."));
        JsonArray reasons = new JsonArray();
        for (Document r : verdict.getList("reasons", Document.class, List.of())) {
            reasons.add(new JsonObject().put("code", r.getString("code")).put("detail", r.getString("detail"))
                    .put("action", r.getString("action")));
        }
        json.put("verdict", new JsonObject().put("action", verdict.getString("action")).put("reasons", reasons)
                .put("urgent", verdict.getBoolean("urgent", false)).put("redact", redact));
        JsonArray parts = new JsonArray();
        for (Highlights.Part p : Highlights.of(m)) {
            JsonArray segments = new JsonArray();
            for (Highlights.Segment s : p.segments()) {
                JsonArray marks = new JsonArray();
                s.marks().forEach(mark -> marks.add(new JsonObject().put("kind", mark.kind()).put("label", mark.label())));
                segments.add(new JsonObject().put("text", s.text()).put("marks", marks));
            }
            parts.add(new JsonObject().put("source", p.source()).put("label", p.label()).put("segments", segments));
        }
        json.put("parts", parts);
        JsonArray reports = new JsonArray();
        for (Document r : ReviewItem.reports(m)) {
            reports.add(new JsonObject().put("at", iso(r.getDate("at"))).put("by", r.getString("byName")).put("reason", r.getString("reason")));
        }
        json.put("reportsDetail", reports);
        json.put("conversation", new JsonObject().put("before", conversation(before, names)).put("after", conversation(after, names)));
        JsonArray records = new JsonArray();
        for (IncidentRecord r : record) records.add(incident(r, scope, names));
        json.put("record", records);
        User me = scope.viewer();
        JsonArray allowed = new JsonArray();
        for (Decision d : Decision.values()) {
            if (ReviewRoutes.mayTake(me, d) && Decisions.refusal(m, d).isEmpty()) allowed.add(d.wireName());
        }
        json.put("allowedDecisions", allowed);
        return json;
    }

    private static JsonArray conversation(List<Document> messages, Names names) {
        JsonArray out = new JsonArray();
        for (Document c : messages) {
            out.add(new JsonObject().put("id", c.getString("_id")).put("sender", names.name(c.getString("senderId")))
                    .put("direction", c.getString("direction")).put("receivedAt", iso(c.getDate("receivedAt")))
                    .put("subject", c.getString("subject")).put("text", c.getString("text")).put("state", c.getString("state"))
                    .put("flagged", c.get("review") != null));
        }
        return out;
    }

    static JsonObject incident(IncidentRecord r, Scope scope, Names names) {
        return new JsonObject()
                .put("id", r.id())
                .put("at", r.at().toString())
                .put("type", r.type())
                .put("summary", r.summary())
                .put("actorId", r.actorId())
                .put("actor", names.name(r.actorId()))
                .put("actorRole", r.actorRole())
                .put("programmeId", r.programmeId())
                .put("programme", scope.programme(r.programmeId()).map(p -> p.name()).orElse(""))
                .put("pairingId", r.pairingId())
                .put("pairing", scope.pairing(r.pairingId()).map(names::pairing).orElse(""))
                .put("messageId", r.messageId())
                .put("refersTo", r.refersTo());
    }

    static String iso(Date d) {
        return d == null ? null : d.toInstant().toString();
    }
}
