package org.chaperone.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * mongo-java-server's H2 backend with the store's maps opened with {@link StoredValueType} rather than H2's
 * Java-serializing default. The maps are opened under the names the H2 backend uses just before it opens them,
 * so it finds them open and uses them as they are.
 */
final class EmbeddedBackend extends H2Backend {
    /** Shared by every store: what it remembers (serialized keys) depends only on the keys. */
    private static final StoredValueType TYPE = new StoredValueType();

    // The H2 backend opens the databases already in the file from its constructor, so nothing here may rely on
    // fields of this class being set.
    EmbeddedBackend(MVStore store) {
        super(store);
    }

    /**
     * Every document of a collection as the store's map holds it, read from a snapshot of the map: the server's
     * collection lock is not taken, so writers never wait for this (a query scans while holding it).
     * {@code read} returns null for a document to leave out. A collection never created reads as empty.
     */
    <T> java.util.List<T> scan(String database, String collection, java.util.function.Function<java.util.Map<String, Object>, T> read) {
        String name = "databases." + database + "." + collection;
        java.util.List<T> out = new java.util.ArrayList<>();
        if (!getMvStore().hasMap(name)) return out;
        MVMap<Object, Object> map = getMvStore().openMap(name, new MVMap.Builder<Object, Object>().keyType(TYPE).valueType(TYPE));
        for (Object value : map.values()) {
            if (value instanceof de.bwaldvogel.mongo.bson.Document document) {
                T t = read.apply(document);
                if (t != null) out.add(t);
            }
        }
        return out;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    private final class Database extends H2Database {
        Database(String name) {
            super(name, getMvStore(), getCursorRegistry());
        }

        /** As {@link H2Database} opens a collection (the same maps), as a {@link Collection}. */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            open("databases." + namespace);
            return new Collection(this, collectionName, options, getMvStore().openMap("databases." + namespace),
                    getMvStore().openMap("meta." + namespace), getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            open(getFullCollectionNamespace(collectionName) + "._index_" + indexName);
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }

        private void open(String mapName) {
            getMvStore().openMap(mapName, new MVMap.Builder<Object, Object>().keyType(TYPE).valueType(TYPE));
        }
    }

    /**
     * An H2 collection that also serves {@code {$and: [{_id: …}, …]}} from the {@code _id} index. The server uses an
     * index only for a query on exactly the index's fields, so an {@code $and} (which the driver writes for every
     * {@code Filters.and}) scanned the whole collection while holding its lock even when one of its clauses names the
     * documents by {@code _id}, as a claim of outbox entries or a record read within its organisation do. Here the
     * index finds the documents that clause names and each is matched against the whole query, so the result is the
     * same; only the order of several documents found this way, when no sort is asked for, may differ.
     */
    private static final class Collection extends H2Collection {
        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, de.bwaldvogel.mongo.bson.Document> data,
                   MVMap<String, Object> meta, de.bwaldvogel.mongo.backend.CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        protected QueryResult queryDocuments(de.bwaldvogel.mongo.bson.Document query, de.bwaldvogel.mongo.bson.Document orderBy,
                                             int numberToSkip, int limit, int batchSize,
                                             de.bwaldvogel.mongo.bson.Document fieldSelector) {
            if (query.size() == 1 && query.get("$and") instanceof List<?> clauses) {
                for (Object clause : clauses) {
                    if (!(clause instanceof de.bwaldvogel.mongo.bson.Document byId) || byId.size() != 1 || !byId.containsKey("_id")) {
                        continue;
                    }
                    for (Index<Object> index : getIndexes()) {
                        if (index.canHandle(byId)) {
                            return matchDocuments(query, index.getPositions(byId), orderBy, numberToSkip, limit, batchSize,
                                    fieldSelector);
                        }
                    }
                }
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
