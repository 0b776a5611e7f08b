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

    public ScopedCollection(MongoCollection<Document> collection, Class<T> type) {
        this.collection = collection;
        this.type = type;
    }

    public Optional<T> find(String organisationId, String id) {
        return Optional.ofNullable(Docs.fromDocument(
                collection.find(Filters.and(Filters.eq("_id", id), Filters.eq(ORGANISATION, organisationId))).first(),
                type));
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
        collection.insertOne(Docs.toDocument(record));
        return record;
    }

    /** Replaces the stored record with the same id in the same organisation; false when there is none. */
    public boolean replace(String organisationId, String id, T record) {
        return collection.replaceOne(Filters.and(Filters.eq("_id", id), Filters.eq(ORGANISATION, organisationId)),
                Docs.toDocument(record), new ReplaceOptions().upsert(false)).getMatchedCount() == 1;
    }

    public boolean delete(String organisationId, String id) {
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
