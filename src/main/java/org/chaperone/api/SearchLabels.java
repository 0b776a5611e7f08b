package org.chaperone.api;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.chaperone.registry.Registry;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The pairing's and programme's names shown beside search results ("Alex Morgan ↔ Ruby (15)", as
 * {@link org.chaperone.review.Names} writes them), read for a whole page at once — three queries by id,
 * not three per result — and kept for a minute. They are display only: what a search may find is decided
 * by its scope, never by these. A renamed person shows under the old name for at most {@link #TTL_NANOS}.
 */
final class SearchLabels {
    static final long TTL_NANOS = 60_000_000_000L;
    private static final int MAX_ENTRIES = 20_000;

    record Labels(String pairing, String programme) {}

    /** A result to label: its pairing and programme. */
    record Wanted(String pairingId, String programmeId) {}

    private record Cached(Labels labels, long expires) {}

    private final LongSupplier nanoTime;
    private final Map<String, Cached> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    SearchLabels() {
        this(System::nanoTime);
    }

    SearchLabels(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Labels by pairing id. Blocking when any is not cached. */
    Map<String, Labels> of(Registry registry, String organisationId, Collection<Wanted> wanted) {
        long now = nanoTime.getAsLong();
        Map<String, Labels> out = new HashMap<>();
        Map<String, String> missing = new HashMap<>();   // pairing → programme
        synchronized (entries) {
            for (Wanted w : wanted) {
                Cached c = entries.get(key(organisationId, w.pairingId()));
                if (c != null && now - c.expires() < 0) out.put(w.pairingId(), c.labels());
                else missing.put(w.pairingId(), w.programmeId());
            }
        }
        if (missing.isEmpty()) return out;
        Map<String, Document> pairings = byId(registry.pairings.raw(), organisationId, missing.keySet(), "mentorId", "menteeId");
        Set<String> people = new HashSet<>();
        for (Document p : pairings.values()) {
            if (p.getString("mentorId") != null) people.add(p.getString("mentorId"));
            if (p.getString("menteeId") != null) people.add(p.getString("menteeId"));
        }
        Map<String, Document> users = byId(registry.users.raw(), organisationId, people, "name");
        Map<String, Document> programmes = byId(registry.programmes.raw(), organisationId, new HashSet<>(missing.values()), "name");
        synchronized (entries) {
            missing.forEach((pairingId, programmeId) -> {
                Document p = pairings.get(pairingId);
                Document programme = programmeId == null ? null : programmes.get(programmeId);
                Labels labels = new Labels(p == null ? null : name(users, p.getString("mentorId")) + " \u2194 "
                        + name(users, p.getString("menteeId")), programme == null ? null : programme.getString("name"));
                entries.put(key(organisationId, pairingId), new Cached(labels, now + TTL_NANOS));
                out.put(pairingId, labels);
            });
        }
        return out;
    }

    private static String key(String organisationId, String pairingId) {
        return organisationId + "/" + pairingId;
    }

    /** As {@link org.chaperone.review.Names#name}: someone no longer in the registry is "a former user". */
    private static String name(Map<String, Document> users, String id) {
        Document u = id == null ? null : users.get(id);
        return u == null || u.getString("name") == null ? "a former user" : u.getString("name");
    }

    private static Map<String, Document> byId(MongoCollection<Document> collection, String organisationId, Set<String> ids,
                                              String... fields) {
        Map<String, Document> out = new HashMap<>();
        ids.remove(null);
        if (ids.isEmpty()) return out;
        String[] include = new String[fields.length + 1];
        include[0] = "organisationId";
        System.arraycopy(fields, 0, include, 1, fields.length);
        for (Document d : collection.find(Filters.in("_id", ids)).projection(Projections.include(include))) {
            if (organisationId.equals(d.getString("organisationId"))) out.put(d.getString("_id"), d);
        }
        return out;
    }
}
