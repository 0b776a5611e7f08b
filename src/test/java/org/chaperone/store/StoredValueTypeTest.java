package org.chaperone.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.chaperone.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The embedded store writes documents as BSON and remembers serialized index keys (see {@link StoredValueType}):
 * every kind of value the gateway stores comes back the same after restarts, a data file written by the plain H2
 * backend (before this format) still reads and takes updates, and keys are found and ordered as before.
 */
class StoredValueTypeTest {
    private static final GatewayConfig.Mongo EMBEDDED = new GatewayConfig.Mongo("", "chaperone", 3000);

    private static Document everyKind(String id, int n) {
        return new Document("_id", id)
                .append("n", n).append("long", 1L << 40).append("double", 2.5).append("yes", true).append("none", null)
                .append("text", "Hello Zoë — 🙂 " + n).append("when", new Date(1_700_000_000_000L + n))
                .append("raw", new Binary(("MIME " + n).getBytes())).append("oid", new ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("money", new Decimal128(new BigDecimal("12.34")))
                .append("nested", new Document("a", List.of(1, "two", new Document("three", 3))).append("empty", new Document()))
                .append("list", List.of());
    }

    @Test
    void documentsAreWrittenAsTaggedBsonAndOtherValuesAsBefore() {
        StoredValueType type = new StoredValueType();
        de.bwaldvogel.mongo.bson.Document doc = new de.bwaldvogel.mongo.bson.Document("_id", "x").append("n", 3)
                .append("nested", new de.bwaldvogel.mongo.bson.Document("list", List.of("a", 2L)));
        org.h2.mvstore.WriteBuffer out = new org.h2.mvstore.WriteBuffer();
        type.write(out, doc);
        type.write(out, "plain string");
        type.write(out, 42L);
        java.nio.ByteBuffer in = out.getBuffer().flip();
        assertEquals(StoredValueType.TAG_BSON_DOCUMENT, in.get(0));
        assertEquals(doc, type.read(in));
        assertEquals("plain string", type.read(in));
        assertEquals(42L, type.read(in));
        assertEquals(0, in.remaining());
        // Keys compare as H2 compares them: by their serialized bytes.
        var a = new de.bwaldvogel.mongo.backend.KeyValue("abc");
        var b = new de.bwaldvogel.mongo.backend.KeyValue("abd");
        assertEquals(org.h2.mvstore.type.ObjectDataType.compareNotNull(org.h2.mvstore.type.ObjectDataType.serialize(a),
                org.h2.mvstore.type.ObjectDataType.serialize(b)), type.compare(a, b));
        assertEquals(0, type.compare(a, new de.bwaldvogel.mongo.backend.KeyValue("abc")));
    }

    @Test
    void aDocumentChangedWhileItIsWrittenIsStillWrittenWhole() throws Exception {
        // The embedded server updates some stored documents in place (for a moment) while H2 may be writing their page.
        StoredValueType type = new StoredValueType();
        de.bwaldvogel.mongo.bson.Document doc = new de.bwaldvogel.mongo.bson.Document("_id", "x");
        for (int i = 0; i < 200; i++) doc.put("f" + i, "value " + i);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread changer = Thread.ofPlatform().start(() -> {
            for (long i = 0; !stop.get(); i++) {
                if (i % 2 == 0) doc.put("extra" + (i % 50), i);
                else doc.remove("extra" + ((i - 1) % 50));
                java.util.concurrent.locks.LockSupport.parkNanos(50_000);
            }
        });
        try {
            for (int i = 0; i < 5_000; i++) {
                org.h2.mvstore.WriteBuffer out = new org.h2.mvstore.WriteBuffer();
                type.write(out, doc);
                Object back = type.read(out.getBuffer().flip());
                de.bwaldvogel.mongo.bson.Document read = (de.bwaldvogel.mongo.bson.Document) back;
                assertEquals("x", read.get("_id"));
                assertEquals("value 199", read.get("f199"));
            }
        } finally {
            stop.set(true);
            changer.join();
        }
    }

    @Test
    void everyKindOfValueComesBackTheSameAfterRestarts(@TempDir Path dir) {
        try (MongoStore store = MongoStore.open(EMBEDDED, dir)) {
            for (int i = 0; i < 300; i++) store.collection("things").insertOne(everyKind("t" + i, i));
            store.collection("things").updateOne(Filters.eq("_id", "t7"), Updates.set("text", "changed"));
            store.awaitDurable();
        }
        try (MongoStore store = MongoStore.open(EMBEDDED, dir)) {
            MongoCollection<Document> things = store.collection("things");
            assertEquals(300, things.countDocuments());
            Document expected = everyKind("t42", 42);
            assertEquals(expected, things.find(Filters.eq("_id", "t42")).first());
            assertEquals("changed", things.find(Filters.eq("_id", "t7")).first().getString("text"));
            things.deleteOne(Filters.eq("_id", "t8"));
            store.awaitDurable();
        }
        try (MongoStore store = MongoStore.open(EMBEDDED, dir)) {
            assertNull(store.collection("things").find(Filters.eq("_id", "t8")).first());
            assertEquals(everyKind("t299", 299), store.collection("things").find(Filters.eq("_id", "t299")).first());
        }
    }

    @Test
    void aFileWrittenByThePlainBackendStillReadsAndTakesUpdates(@TempDir Path dir) {
        // What a data directory from before this format holds: the plain H2 backend, Java-serialized documents.
        H2Backend plain = new H2Backend(dir.resolve("mongo.mv").toString());
        MongoServer server = new MongoServer(plain);
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> old = client.getDatabase("chaperone").getCollection("things");
            old.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
            for (int i = 0; i < 200; i++) old.insertOne(everyKind("old" + i, i).append("k", "key" + i));
        } finally {
            server.shutdownNow();
            plain.commit();
            plain.close();
        }
        try (MongoStore store = MongoStore.open(EMBEDDED, dir)) {
            MongoCollection<Document> things = store.collection("things");
            assertEquals(everyKind("old5", 5).append("k", "key5"), things.find(Filters.eq("_id", "old5")).first());
            // Keys written in the old format are still found, through both unique indexes, and still unique.
            for (int i = 0; i < 200; i += 17) {
                assertNotNull(things.find(Filters.eq("_id", "old" + i)).first(), "old" + i);
                assertEquals("old" + i, things.find(Filters.eq("k", "key" + i)).first().getString("_id"));
            }
            assertThrows(com.mongodb.MongoWriteException.class, () -> things.insertOne(new Document("_id", "old3")));
            assertThrows(com.mongodb.MongoWriteException.class, () -> things.insertOne(new Document("k", "key9")));
            things.updateOne(Filters.eq("_id", "old5"), Updates.set("text", "new format"));
            for (int i = 0; i < 200; i++) things.insertOne(everyKind("new" + i, i).append("k", "newkey" + i));
            store.awaitDurable();
        }
        try (MongoStore store = MongoStore.open(EMBEDDED, dir)) {
            MongoCollection<Document> things = store.collection("things");
            assertEquals(400, things.countDocuments());
            assertEquals("new format", things.find(Filters.eq("_id", "old5")).first().getString("text"));
            assertEquals(everyKind("old6", 6).append("k", "key6"), things.find(Filters.eq("_id", "old6")).first());
            assertEquals(everyKind("new6", 6).append("k", "newkey6"), things.find(Filters.eq("k", "newkey6")).first());
            List<String> ids = things.find().sort(Sorts.ascending("_id")).map(d -> d.getString("_id")).into(new ArrayList<>());
            List<String> sorted = new ArrayList<>(ids);
            sorted.sort(null);
            assertEquals(sorted, ids);
        }
    }
}
