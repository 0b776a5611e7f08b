package org.chaperone.store;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.chaperone.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedStoreTest {
    private static final GatewayConfig.Mongo EMBEDDED = new GatewayConfig.Mongo("", "chaperone", 3000);

    @Test
    void dataSurvivesARestartOfTheEmbeddedServer(@TempDir Path dir) {
        try (MongoStore store = MongoStore.open(EMBEDDED, dir)) {
            store.collection("things").insertOne(new Document("_id", "a").append("v", 1));
            store.awaitDurable();
        }
        try (MongoStore store = MongoStore.open(EMBEDDED, dir)) {
            assertEquals(1, store.collection("things").find(new Document("_id", "a")).first().getInteger("v"));
        }
    }

    @Test
    void concurrentWritersAreAllReleasedByGroupCommit(@TempDir Path dir) throws Exception {
        try (MongoStore store = MongoStore.open(EMBEDDED, dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        store.collection("things").insertOne(new Document("_id", writer + "-" + i));
                        store.awaitDurable();
                    }
                }));
            }
            for (Future<?> f : done) f.get();
            pool.shutdown();
            assertEquals(400, store.collection("things").countDocuments());
        }
    }

    @Test
    void aScanWithoutLockingReadsEveryDocumentOfTheEmbeddedStoreAndNothingElsewhere(@TempDir Path dir) {
        try (MongoStore store = MongoStore.open(EMBEDDED, dir)) {
            for (int i = 0; i < 50; i++) store.collection("things").insertOne(new Document("_id", "t" + i).append("n", i));
            store.collection("things").updateOne(new Document("_id", "t7"), new Document("$set", new Document("n", 700)));
            List<Integer> seen = store.scanWithoutLocking("things", m -> ((Number) m.get("n")).intValue() >= 40
                    ? ((Number) m.get("n")).intValue() : null).orElseThrow();
            seen.sort(null);
            assertEquals(List.of(40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 700), seen);
            assertEquals(List.of(), store.scanWithoutLocking("never_created", m -> m).orElseThrow());
        }
        GatewayConfig.Mongo external = new GatewayConfig.Mongo("mongodb://127.0.0.1:1", "chaperone", 300);
        try (MongoStore store = MongoStore.open(external, dir)) {
            assertTrue(store.scanWithoutLocking("things", m -> m).isEmpty(), "an external MongoDB is read with queries");
        }
    }

    @Test
    void anAndNamingDocumentsByIdFindsUpdatesCountsAndDeletesExactlyWhatItMatches(@TempDir Path dir) {
        try (MongoStore store = MongoStore.open(EMBEDDED, dir)) {
            var things = store.collection("things");
            for (int i = 0; i < 10; i++) {
                things.insertOne(new Document("_id", "t" + i).append("org", i % 2 == 0 ? "even" : "odd").append("n", i)
                        .append("lease", i < 3 ? 5 : null));
            }
            assertEquals(4, things.find(Filters.and(Filters.eq("_id", "t4"), Filters.eq("org", "even"))).first().getInteger("n"));
            assertEquals(null, things.find(Filters.and(Filters.eq("_id", "t4"), Filters.eq("org", "odd"))).first());
            assertEquals(null, things.find(Filters.and(Filters.eq("org", "even"), Filters.eq("_id", "absent"))).first());
            assertEquals(List.of(0, 2, 8), sorted(things.find(Filters.and(Filters.in("_id", List.of("t0", "t2", "t3", "t8", "x")),
                    Filters.eq("org", "even")))));
            assertEquals(List.of(0, 2, 4, 6, 8), sorted(things.find(Filters.and(Filters.eq("org", "even"), Filters.gte("n", 0)))));

            // A claim: only those whose lease is free.
            var ids = List.of("t1", "t2", "t3", "t4", "t5");
            var free = Filters.or(Filters.eq("lease", null), Filters.lt("lease", 1));
            assertEquals(3, things.updateMany(Filters.and(Filters.in("_id", ids), free),
                    new Document("$set", new Document("lease", 9))).getModifiedCount());
            assertEquals(List.of(1, 2, 3, 4, 5), sorted(things.find(Filters.and(Filters.in("_id", ids), Filters.gte("lease", 5)))));
            assertEquals(List.of(3, 4, 5), sorted(things.find(Filters.eq("lease", 9))));
            assertEquals(2, things.countDocuments(Filters.and(Filters.in("_id", ids), Filters.eq("org", "even"))));
            assertEquals(0, things.deleteOne(Filters.and(Filters.eq("_id", "t6"), Filters.eq("org", "odd"))).getDeletedCount());
            assertEquals(1, things.deleteOne(Filters.and(Filters.eq("_id", "t6"), Filters.eq("org", "even"))).getDeletedCount());
            assertEquals(9, things.countDocuments());
        }
    }

    private static List<Integer> sorted(Iterable<Document> found) {
        List<Integer> out = new ArrayList<>();
        for (Document d : found) out.add(d.getInteger("n"));
        out.sort(null);
        return out;
    }

    @Test
    void aUniqueIndexRefusesDuplicates(@TempDir Path dir) {
        try (MongoStore store = MongoStore.open(EMBEDDED, dir)) {
            store.collection("u").createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
            store.collection("u").insertOne(new Document("k", "x"));
            assertThrows(MongoWriteException.class, () -> store.collection("u").insertOne(new Document("k", "x")));
        }
    }

    @Test
    void anUnreachableServerIsReportedAsStorageUnavailable(@TempDir Path dir) {
        GatewayConfig.Mongo nowhere = new GatewayConfig.Mongo("mongodb://127.0.0.1:1", "chaperone", 300);
        try (MongoStore store = MongoStore.open(nowhere, dir)) {
            RuntimeException e = assertThrows(RuntimeException.class, store::ping);
            assertTrue(StorageUnavailableException.isUnavailable(e), e.toString());
        }
    }

    @Test
    void tokensAreLongRandomAndMailSafe() {
        String a = Ids.token(128), b = Ids.token(128);
        assertTrue(a.matches("[a-z2-7]{26}"), a);
        assertTrue(!a.equals(b));
    }
}
