package org.chaperone.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
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

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            open("databases." + getFullCollectionNamespace(collectionName));
            return super.openOrCreateCollection(collectionName, options);
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
}
