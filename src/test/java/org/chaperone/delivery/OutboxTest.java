package org.chaperone.delivery;

import org.bson.Document;
import org.chaperone.config.GatewayConfig;
import org.chaperone.store.MongoStore;
import org.chaperone.testing.ExternalMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which outbox entries a delivery round takes, read both ways: from a snapshot of the embedded store (the gateway's
 * own server) and with a query (an external MongoDB, played by a server outside the gateway). Both must choose the
 * same entries in the same order. Every time is given, so nothing depends on the clock.
 */
class OutboxTest {
    private static final String ORG = "org1";
    private static final Instant NOW = Instant.parse("2030-03-04T10:00:00Z");
    @TempDir
    Path dir;
    private ExternalMongo external;
    /** The embedded store (read from snapshots) and the external one (read with queries), by name. */
    private final Map<String, MongoStore> stores = new LinkedHashMap<>();

    @BeforeEach
    void open() {
        stores.put("embedded", MongoStore.open(new GatewayConfig.Mongo("", "chaperone", 3000), dir.resolve("embedded")));
        external = new ExternalMongo(dir.resolve("external.mv"));
        stores.put("external", MongoStore.open(new GatewayConfig.Mongo(external.uri(), "chaperone", 3000), dir.resolve("ext")));
        assertTrue(stores.get("embedded").scanWithoutLocking(Outbox.COLLECTION, m -> m).isPresent());
        assertTrue(stores.get("external").scanWithoutLocking(Outbox.COLLECTION, m -> m).isEmpty());
    }

    @AfterEach
    void close() {
        stores.values().forEach(MongoStore::close);
        external.close();
    }

    /**
     * In order of writing: A's entries are all due; B's first is leased by another node; C's first waits until later;
     * entries of no conversation never hold up one another; D's first was leased by a node whose lease ran out;
     * E's first is due exactly now.
     */
    private static Outbox mixed(MongoStore store) {
        Outbox outbox = new Outbox(store, Duration.ofHours(48));
        relay(outbox, "A", "a1", null);
        relay(outbox, "B", "b1", null);
        relay(outbox, "A", "a2", null);
        relay(outbox, "B", "b2", null);
        relay(outbox, "C", "c1", NOW.plus(Duration.ofHours(1)));
        relay(outbox, "C", "c2", null);
        outbox.insert(outbox.smsEntry(ORG, null, "n1", "+441", "+442", "later", NOW.plus(Duration.ofHours(1)), NOW));
        outbox.insert(outbox.smsEntry(ORG, null, "n2", "+441", "+442", "now", null, NOW));
        relay(outbox, "D", "d1", null);
        relay(outbox, "A", "a3", null);
        relay(outbox, "E", "e1", NOW);
        assertEquals(List.of("b1:relay"), ids(outbox.claim(List.of("b1:relay"), NOW, "other-node")));
        assertEquals(List.of("d1:relay"), ids(outbox.claim(List.of("d1:relay"), NOW.minus(Outbox.LEASE).minusSeconds(60),
                "crashed-node")));
        return outbox;
    }

    private static void relay(Outbox outbox, String conversation, String messageId, Instant notBefore) {
        outbox.insert(outbox.relayEntry(ORG, conversation, messageId, List.of("someone@example.org"), notBefore, NOW));
    }

    private static List<String> ids(List<Document> entries) {
        return entries.stream().map(d -> d.getString("_id")).toList();
    }

    /**
     * {@link Outbox#due}, checking that the embedded store answered from its snapshot (an external one cannot) and that
     * the query chooses the same.
     */
    private static List<Document> read(String store, Outbox outbox, Instant now, int limit, int perConversation) {
        List<Document> due = outbox.due(now, limit, perConversation);
        Optional<List<Document>> snapshot = outbox.dueFromSnapshot(now, limit, perConversation);
        assertEquals(store.equals("embedded"), snapshot.isPresent(), store + ": read from a snapshot");
        snapshot.ifPresent(s -> assertEquals(due, s, store));
        assertEquals(due, outbox.dueByQuery(now, limit, perConversation), store + ": the query chooses the same");
        return due;
    }

    @Test
    void eachConversationGoesInOrderUpToItsFirstEntryThatMustWait() {
        stores.forEach((name, store) -> {
            Outbox outbox = mixed(store);
            List<Document> due = read(name, outbox, NOW, 100, 100);
            assertEquals(List.of("a1:relay", "a2:relay", "n2:sms:+442", "d1:relay", "a3:relay", "e1:relay"), ids(due), name);
            assertEquals(Arrays.asList("A", "A", null, "D", "A", "E"), due.stream().map(d -> d.getString("conversation")).toList(),
                    name);
        });
    }

    @Test
    void aConversationGivesAtMostItsShareAndARoundAtMostItsLimit() {
        stores.forEach((name, store) -> {
            Outbox outbox = mixed(store);
            assertEquals(List.of("a1:relay", "a2:relay", "n2:sms:+442", "d1:relay", "e1:relay"), ids(read(name, outbox, NOW, 100, 2)),
                    name + ": A's third waits for the next round");
            assertEquals(List.of("a1:relay", "n2:sms:+442", "d1:relay", "e1:relay"), ids(read(name, outbox, NOW, 100, 1)), name);
            assertEquals(List.of("a1:relay", "a2:relay", "n2:sms:+442"), ids(read(name, outbox, NOW, 3, 100)), name);
            assertEquals(List.of("a1:relay"), ids(read(name, outbox, NOW, 1, 1)), name);
        });
    }

    @Test
    void retriesDeferralsRemovalsAndLeasesAreSeenByTheNextRead() {
        stores.forEach((name, store) -> {
            Outbox outbox = mixed(store);
            outbox.retryLater("a1:relay", 1, NOW.plus(Duration.ofMinutes(1)), "421 try later");
            assertEquals(List.of("n2:sms:+442", "d1:relay", "e1:relay"), ids(read(name, outbox, NOW, 100, 100)),
                    name + ": A waits for its first entry's retry");
            assertEquals(List.of("a1:relay", "a2:relay", "n2:sms:+442", "d1:relay", "a3:relay", "e1:relay"),
                    ids(read(name, outbox, NOW.plus(Duration.ofMinutes(1)), 100, 100)), name + ": and goes on when it is due");
            outbox.done("a1:relay");
            outbox.deferUntil("e1:relay", NOW.plus(Duration.ofHours(8)));
            outbox.release(List.of("b1:relay"), "other-node");
            assertEquals(List.of("b1:relay", "a2:relay", "b2:relay", "n2:sms:+442", "d1:relay", "a3:relay"),
                    ids(read(name, outbox, NOW, 100, 100)), name);
            List<String> mine = ids(outbox.claim(ids(read(name, outbox, NOW, 100, 100)), NOW, "this-node"));
            assertEquals(6, mine.size(), name);
            assertEquals(List.of(), ids(read(name, outbox, NOW, 100, 100)), name + ": everything due is leased to this node");
            assertEquals(6, outbox.releaseLeases("this-node"), name);
            assertEquals(mine, ids(read(name, outbox, NOW, 100, 100)), name);
        });
    }

    @Test
    void anEntryLeasedByAnotherNodeAfterTheReadIsNotObtained() {
        stores.forEach((name, store) -> {
            Outbox outbox = mixed(store);
            List<String> seen = ids(read(name, outbox, NOW, 100, 100));
            assertEquals(List.of("a2:relay"), ids(outbox.claim(List.of("a2:relay"), NOW, "other-node")), name);
            List<String> expected = seen.stream().filter(id -> !id.equals("a2:relay")).toList();
            assertEquals(expected, ids(outbox.claim(seen, NOW, "this-node")), name);
        });
    }

    @Test
    void anEntryTheSnapshotCannotReadIsReadAsTheQueryReadsIt() {
        stores.forEach((name, store) -> {
            Outbox outbox = mixed(store);
            // No seq: a query sorts it first.
            store.collection(Outbox.COLLECTION).insertOne(new Document("_id", "odd").append("conversation", "A")
                    .append("notBefore", Date.from(NOW)).append("leaseUntil", null));
            List<String> expected = List.of("odd", "a1:relay", "a2:relay", "n2:sms:+442", "d1:relay", "a3:relay", "e1:relay");
            assertEquals(expected, ids(outbox.due(NOW, 100, 100)), name);
            assertEquals(expected, ids(outbox.dueByQuery(NOW, 100, 100)), name);
            assertTrue(outbox.dueFromSnapshot(NOW, 100, 100).isEmpty(), name + ": the snapshot leaves it to the query");
        });
    }

    @Test
    void theEmbeddedStoreHoldsDatesAsInstantsAndOlderDocumentsMayHoldDates() {
        MongoStore store = stores.get("embedded");
        Outbox outbox = mixed(store);
        List<Object> held = store.scanWithoutLocking(Outbox.COLLECTION, m -> m.get("notBefore")).orElseThrow();
        assertEquals(11, held.size());
        held.forEach(v -> assertInstanceOf(Instant.class, v));
        Instant at = NOW.plus(1234, ChronoUnit.MILLIS);
        assertEquals(at, Outbox.instant(at));
        assertEquals(at, Outbox.instant(Date.from(at)));
        assertNull(Outbox.instant(null));
        assertEquals(6, read("embedded", outbox, NOW, 100, 100).size());
    }
}
