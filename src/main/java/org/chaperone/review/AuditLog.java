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
 * Who opened whose messages and who changed what (collection {@code audit_log}); read by the
 * organisation admin. Append-only, like the incident record.
 */
public final class AuditLog {
    public static final String COLLECTION = "audit_log";
    private final MongoCollection<Document> collection;

    public AuditLog(MongoStore store) {
        this.collection = store.collection(COLLECTION);
    }

    public void record(String organisationId, String actorId, String actorRole, String action, String subjectType,
                       String subjectId, String detail, Instant at) {
        collection.insertOne(new Document("_id", Ids.newId())
                .append("organisationId", organisationId)
                .append("actorId", actorId)
                .append("actorRole", actorRole)
                .append("action", action)
                .append("subjectType", subjectType)
                .append("subjectId", subjectId)
                .append("detail", detail)
                .append("at", Date.from(at)));
    }

    public List<Document> list(String organisationId, Bson filter, int skip, int limit) {
        Bson scoped = filter == null ? Filters.eq("organisationId", organisationId)
                : Filters.and(Filters.eq("organisationId", organisationId), filter);
        return collection.find(scoped).sort(Sorts.descending("at")).skip(skip).limit(limit).into(new ArrayList<>());
    }
}
