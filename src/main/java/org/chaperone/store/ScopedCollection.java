package org.chaperone.store;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A collection of records that each belong to one organisation. Every read and write names the
 * organisation, so a caller of organisation A can never reach a record of organisation B.
 */
public final class ScopedCollection<T> {
    public static final String ORGANISATION = "organisationId";

    private final MongoCollection<Document> collection;
    private final Class<T> type;
    private final long cacheNanos;
    private final java.util.concurrent.ConcurrentHashMap<String, Cached<T>> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private record Cached<T>(Optional<T> value, long expiresAt) {}

    public ScopedCollection(MongoCollection<Document> collection, Class<T> type) {
        this(collection, type, java.time.Duration.ZERO);
    }

    /**
     * @param cacheFor how long a record read by id may be served from memory. Writes through this
     *                 instance are seen at once; writes by another gateway node within this time.
     */
    public ScopedCollection(MongoCollection<Document> collection, Class<T> type, java.time.Duration cacheFor) {
        this.collection = collection;
        this.type = type;
        this.cacheNanos = cacheFor.toNanos();
    }

    public Optional<T> find(String organisationId, String id) {
        if (cacheNanos <= 0) return load(organisationId, id);
        String key = organisationId + "/" + id;
        long now = System.nanoTime();
        Cached<T> hit = cache.get(key);
        if (hit != null && hit.expiresAt() - now > 0) return hit.value();
        Optional<T> loaded = load(organisationId, id);
        if (cache.size() > 50_000) cache.clear();
        cache.put(key, new Cached<>(loaded, now + cacheNanos));
        return loaded;
    }

    private Optional<T> load(String organisationId, String id) {
        return Optional.ofNullable(Docs.fromDocument(
                collection.find(Filters.and(Filters.eq("_id", id), Filters.eq(ORGANISATION, organisationId))).first(),
                type));
    }

    private void forget(String organisationId, String id) {
        if (cacheNanos > 0) cache.remove(organisationId + "/" + id);
    }

    public List<T> list(String organisationId, Bson filter, Bson sort, int skip, int limit) {
        Bson scoped = filter == null ? Filters.eq(ORGANISATION, organisationId)
                : Filters.and(Filters.eq(ORGANISATION, organisationId), filter);
        FindIterable<Document> found = collection.find(scoped);
        if (sort != null) found = found.sort(sort);
        if (skip > 0) found = found.skip(skip);
        if (limit > 0) found = found.limit(limit);
        List<T> out = new ArrayList<>();
        for (Document d : found) out.add(Docs.fromDocument(d, type));
        return out;
    }

    public long count(String organisationId, Bson filter) {
        Bson scoped = filter == null ? Filters.eq(ORGANISATION, organisationId)
                : Filters.and(Filters.eq(ORGANISATION, organisationId), filter);
        return collection.countDocuments(scoped);
    }

    /** Inserts; a unique index violation surfaces as {@link com.mongodb.MongoWriteException}. */
    public T insert(T record) {
        Document doc = Docs.toDocument(record);
        collection.insertOne(doc);
        forget(doc.getString(ORGANISATION), doc.getString("_id"));
        return record;
    }

    /** Replaces the stored record with the same id in the same organisation; false when there is none. */
    public boolean replace(String organisationId, String id, T record) {
        forget(organisationId, id);
        return collection.replaceOne(Filters.and(Filters.eq("_id", id), Filters.eq(ORGANISATION, organisationId)),
                Docs.toDocument(record), new ReplaceOptions().upsert(false)).getMatchedCount() == 1;
    }

    public boolean delete(String organisationId, String id) {
        forget(organisationId, id);
        return collection.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq(ORGANISATION, organisationId)))
                .getDeletedCount() == 1;
    }

    /** Unscoped lookup for the few flows that start from outside any organisation (sign-in, relay mail). */
    public List<T> findAcrossOrganisations(Bson filter) {
        List<T> out = new ArrayList<>();
        for (Document d : collection.find(filter)) out.add(Docs.fromDocument(d, type));
        return out;
    }

    public MongoCollection<Document> raw() {
        return collection;
    }
}
