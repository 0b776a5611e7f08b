package org.chaperone.sessions;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.chaperone.store.MongoStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Stored sessions (collection {@code sessions}), one small document per session keyed
 * {@code <pairingId>-sNNN}. Each document carries its own append-only log (who scheduled, moved,
 * cancelled or recorded what, with the times, participants and provider), and every change is
 * guarded by {@code version}, so two managers moving the same session cannot both win.
 */
public final class Sessions {
    public static final String COLLECTION = "sessions";
    private final MongoCollection<Document> collection;

    public Sessions(MongoStore store) {
        this.collection = store.collection(COLLECTION);
        // On a real MongoDB these keep the overlap check and the manager's lists off full scans
        // (the embedded server ignores secondary indexes; its session collection stays small).
        collection.createIndex(Indexes.ascending("pairingId", "number"));
        collection.createIndex(Indexes.ascending("participantIds", "state", "start"));
        collection.createIndex(Indexes.ascending("organisationId", "state", "end"));
    }

    /** Inserts the sessions that are not there yet (a pairing saved again keeps its series). */
    public int insertMissing(Collection<Session> sessions, Document firstLogEntry) {
        int added = 0;
        for (Session s : sessions) {
            try {
                collection.insertOne(s.toDocument().append("log", List.of(firstLogEntry)));
                added++;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) throw e;
            }
        }
        return added;
    }

    public boolean insert(Session s, Document logEntry) {
        try {
            collection.insertOne(s.toDocument().append("log", List.of(logEntry)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) return false;
            throw e;
        }
    }

    public List<Session> forPairing(String organisationId, String pairingId) {
        return collection.find(Filters.and(Filters.eq("pairingId", pairingId), Filters.eq("organisationId", organisationId)))
                .projection(Projections.exclude("log")).sort(Sorts.ascending("number"))
                .map(Session::from).into(new ArrayList<>());
    }

    public List<Session> forProgramme(String organisationId, String programmeId) {
        return collection.find(Filters.and(Filters.eq("organisationId", organisationId), Filters.eq("programmeId", programmeId)))
                .projection(Projections.exclude("log")).sort(Sorts.ascending("pairingId", "number"))
                .map(Session::from).into(new ArrayList<>());
    }

    public Optional<Session> find(String organisationId, String id) {
        return Optional.ofNullable(Session.from(collection.find(Filters.and(Filters.eq("_id", id),
                Filters.eq("organisationId", organisationId))).projection(Projections.exclude("log")).first()));
    }

    /** The session's log, oldest first. */
    public List<Document> log(String organisationId, String id) {
        Document d = collection.find(Filters.and(Filters.eq("_id", id), Filters.eq("organisationId", organisationId)))
                .projection(Projections.include("log")).first();
        return d == null ? List.of() : d.getList("log", Document.class, List.of());
    }

    /**
     * Stores {@code updated} if the stored session is still at {@code updated.version()}, bumping the
     * version and appending {@code logEntry}. False: someone else changed it first.
     */
    public boolean update(Session updated, Document logEntry) {
        Document fields = updated.toDocument();
        fields.remove("_id");
        fields.remove("createdAt");
        fields.remove("version");
        List<Bson> sets = new ArrayList<>();
        for (var e : fields.entrySet()) sets.add(Updates.set(e.getKey(), e.getValue()));
        sets.add(Updates.inc("version", 1));
        sets.add(Updates.push("log", logEntry));
        return collection.updateOne(Filters.and(Filters.eq("_id", updated.id()), Filters.eq("version", updated.version())),
                Updates.combine(sets)).getModifiedCount() == 1;
    }

    /** Appends to a session's log without changing it (an invitation or a survey sent). */
    public void appendLog(String id, Document logEntry) {
        collection.updateOne(Filters.eq("_id", id), Updates.push("log", logEntry));
    }

    /** Scheduled sessions of any of these people that overlap [start, end), other than {@code exceptId}. */
    public List<Session> overlapping(List<String> participantIds, Instant start, Instant end, String exceptId) {
        return collection.find(Filters.and(
                        Filters.in("participantIds", participantIds),
                        Filters.eq("state", Session.State.SCHEDULED.wireName()),
                        Filters.lt("start", Date.from(end)),
                        Filters.gt("end", Date.from(start)),
                        Filters.ne("_id", exceptId)))
                .projection(Projections.exclude("log")).map(Session::from).into(new ArrayList<>());
    }

    /** Scheduled sessions that ended before {@code endedBefore} and still have no record of taking place. */
    public List<Session> missingRecords(String organisationId, Instant endedBefore) {
        return collection.find(Filters.and(
                        Filters.eq("organisationId", organisationId),
                        Filters.eq("state", Session.State.SCHEDULED.wireName()),
                        Filters.lt("end", Date.from(endedBefore)),
                        Filters.eq("outcome", null)))
                .projection(Projections.exclude("log")).sort(Sorts.ascending("end"))
                .map(Session::from).into(new ArrayList<>());
    }
}
