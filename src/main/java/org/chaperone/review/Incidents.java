package org.chaperone.review;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.chaperone.store.Ids;
import org.chaperone.store.MongoStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The incident record (collection {@code incidents}). Append-only by construction: this class can
 * add and read entries, and nothing in the gateway updates or deletes them.
 */
public final class Incidents {
    public static final String COLLECTION = "incidents";
    private final MongoCollection<Document> collection;

    public Incidents(MongoStore store) {
        this.collection = store.collection(COLLECTION);
    }

    public static Document toDocument(IncidentRecord r) {
        return new Document("_id", r.id())
                .append("organisationId", r.organisationId())
                .append("programmeId", r.programmeId())
                .append("pairingId", r.pairingId())
                .append("messageId", r.messageId())
                .append("type", r.type())
                .append("summary", r.summary())
                .append("actorId", r.actorId())
                .append("actorRole", r.actorRole())
                .append("at", Date.from(r.at()))
                .append("refersTo", r.refersTo());
    }

    public static IncidentRecord fromDocument(Document d) {
        return new IncidentRecord(d.getString("_id"), d.getString("organisationId"), d.getString("programmeId"),
                d.getString("pairingId"), d.getString("messageId"), d.getString("type"), d.getString("summary"),
                d.getString("actorId"), d.getString("actorRole"), d.getDate("at").toInstant(), d.getString("refersTo"));
    }

    public static IncidentRecord newRecord(String organisationId, String programmeId, String pairingId, String messageId,
                                           String type, String summary, String actorId, String actorRole, Instant at) {
        return new IncidentRecord(Ids.newId(), organisationId, programmeId, pairingId, messageId, type, summary,
                actorId, actorRole, at, null);
    }

    public IncidentRecord record(IncidentRecord r) {
        collection.insertOne(toDocument(r));
        return r;
    }

    /** Writes a record whose id was fixed in advance; writing it again (a resumed step) changes nothing. */
    public IncidentRecord recordOnce(IncidentRecord r) {
        try {
            collection.insertOne(toDocument(r));
        } catch (com.mongodb.MongoWriteException e) {
            if (e.getError().getCategory() != com.mongodb.ErrorCategory.DUPLICATE_KEY) throw e;
        }
        return r;
    }

    public java.util.Optional<IncidentRecord> find(String organisationId, String id) {
        Document d = collection.find(Filters.and(Filters.eq("_id", id), Filters.eq("organisationId", organisationId))).first();
        return java.util.Optional.ofNullable(d == null ? null : fromDocument(d));
    }

    /** Records matching a filter that already names the organisation (see {@code Scope}), oldest first. */
    public List<IncidentRecord> matching(Bson scopedFilter, int limit) {
        List<IncidentRecord> out = new ArrayList<>();
        for (Document d : collection.find(scopedFilter).sort(Sorts.ascending("at", "_id")).limit(limit)) out.add(fromDocument(d));
        return out;
    }

    public List<IncidentRecord> list(String organisationId, Bson filter, int limit) {
        Bson scoped = filter == null ? Filters.eq("organisationId", organisationId)
                : Filters.and(Filters.eq("organisationId", organisationId), filter);
        List<IncidentRecord> out = new ArrayList<>();
        for (Document d : collection.find(scoped).sort(Sorts.ascending("at")).limit(limit)) out.add(fromDocument(d));
        return out;
    }
}
