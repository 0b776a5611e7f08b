package org.chaperone.privacy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.chaperone.pipeline.Messages;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.Registry;
import org.chaperone.registry.User;
import org.chaperone.review.AuditLog;
import org.chaperone.review.Incidents;
import org.chaperone.store.MongoStore;
import org.chaperone.store.Docs;

import java.time.Clock;
import java.util.Date;
import java.util.List;

/**
 * Everything the gateway holds about one person, as one JSON document (a subject-access request):
 * their account (without the password hash), their pairings, the messages they sent and received,
 * their sessions, the incident records and audit entries that name them.
 */
public final class SubjectAccessExport {
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED)
            .dateTimeConverter((value, writer) -> writer.writeString(new Date(value).toInstant().toString()))
            .binaryConverter((value, writer) -> writer.writeString("[" + value.getData().length + " bytes of original MIME, not included]"))
            .build();
    private final MongoStore store;
    private final Registry registry;
    private final Clock clock;

    public SubjectAccessExport(MongoStore store, Registry registry, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    public JsonObject export(User person) {
        String org = person.organisationId();
        JsonObject account = new JsonObject(Docs.JSON.valueToTree(person).toString());
        account.remove("passwordHash");
        List<Pairing> pairings = registry.pairings.list(org, Filters.or(Filters.eq("mentorId", person.id()),
                Filters.eq("menteeId", person.id())), Sorts.ascending("createdAt"), 0, 0);
        JsonArray pairingsJson = new JsonArray();
        pairings.forEach(p -> pairingsJson.add(new JsonObject(Docs.JSON.valueToTree(p).toString())));
        return new JsonObject()
                .put("exportedAt", clock.instant().toString())
                .put("subject", account)
                .put("pairings", pairingsJson)
                .put("messagesSent", docs(Messages.COLLECTION, Filters.and(Filters.eq("organisationId", org), Filters.eq("senderId", person.id()))))
                .put("messagesReceived", docs(Messages.COLLECTION, Filters.and(Filters.eq("organisationId", org), Filters.eq("recipientId", person.id()))))
                .put("sessions", docs("sessions", Filters.in("pairingId", pairings.stream().map(Pairing::id).toList())))
                .put("incidentRecords", docs(Incidents.COLLECTION, Filters.and(Filters.eq("organisationId", org),
                        Filters.or(Filters.eq("actorId", person.id()), Filters.in("pairingId", pairings.stream().map(Pairing::id).toList())))))
                .put("auditEntries", docs(AuditLog.COLLECTION, Filters.and(Filters.eq("organisationId", org),
                        Filters.or(Filters.eq("actorId", person.id()), Filters.eq("subjectId", person.id())))));
    }

    private JsonArray docs(String collection, org.bson.conversions.Bson filter) {
        JsonArray out = new JsonArray();
        for (Document d : store.collection(collection).find(filter)) {
            d.remove("parts");
            out.add(new JsonObject(d.toJson(JSON)));
        }
        return out;
    }
}
