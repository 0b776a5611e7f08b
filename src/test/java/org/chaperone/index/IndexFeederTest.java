package org.chaperone.index;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.chaperone.config.GatewayConfig;
import org.chaperone.pipeline.MessageChanges;
import org.chaperone.pipeline.Messages;
import org.chaperone.store.MongoStore;
import org.chaperone.store.Schema;
import org.chaperone.store.Seq;
import org.chaperone.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The feeder against the embedded MongoDB, without a gateway: the window, nudges, deletions, unfinished rebuilds. */
class IndexFeederTest {
    static final IndexFeeder.Options FAST = new IndexFeeder.Options(Duration.ofMillis(100), 20, Duration.ofSeconds(60),
            Duration.ofMillis(200));
    @TempDir
    Path dir;
    MongoStore store;
    MongoCollection<Document> messages;
    MessageIndex index;
    IndexFeeder feeder;

    @BeforeEach
    void open() {
        store = MongoStore.open(new GatewayConfig.Mongo("", "chaperone", 3000), dir);
        Schema.ensure(store);
        messages = store.collection(Messages.COLLECTION);
    }

    @AfterEach
    void close() {
        if (feeder != null) feeder.close();
        if (index != null) index.close();
        store.close();
    }

    private void startFeeder() {
        MessageIndex.Opened opened = MessageIndex.open(dir.resolve("index").resolve("messages"));
        index = opened.index();
        feeder = new IndexFeeder(opened, messages, FAST);
        feeder.start();
        Await.condition("the feeder to be current", Duration.ofSeconds(20), () -> feeder.status().complete());
    }

    private void stopFeeder() {
        feeder.close();
        index.close();
        feeder = null;
        index = null;
    }

    private static Document message(String id, String text, long stamp) {
        return new Document("_id", id).append("organisationId", "org-1").append("programmeId", "prog-1")
                .append("pairingId", "pair-1").append("channel", "web").append("direction", "mentor_to_mentee")
                .append("receivedAt", new Date(stamp / 1000)).append("seq", stamp).append(MessageChanges.FIELD, stamp)
                .append("subject", "s").append("text", text).append("verdict", new Document("action", "deliver"))
                .append("state", "queued");
    }

    private List<String> found(String words) {
        index.refresh();
        return new SearchService(index, feeder::status).search(SearchService.Scope.wholeOrganisation("org-1"),
                SearchService.Request.words(words)).hits().stream().map(SearchService.Hit::messageId).toList();
    }

    private List<String> awaitFound(String words, int count) {
        return Await.until(words + " x" + count, Duration.ofSeconds(20), () -> {
            List<String> f = found(words);
            return f.size() == count ? f : null;
        });
    }

    @Test
    void aChangeStampedBeforeTheHighWaterMarkButSeenLateIsStillIndexed() {
        startFeeder();
        messages.insertOne(message("a", "lighthouse early", Seq.next()));
        awaitFound("lighthouse", 1);
        // A write stamped 20 s ago (a slow writer, another node's clock) becomes visible only now.
        messages.insertOne(message("late", "lighthouse late", Seq.next() - 20_000_000L));
        assertEquals(List.of("a", "late"), awaitFound("lighthouse", 2).stream().sorted().toList());
    }

    @Test
    void aChangeIsReindexedAndANudgeForADeletedMessageRemovesIt() {
        startFeeder();
        messages.insertOne(message("m", "harbour visit", Seq.next()));
        awaitFound("harbour", 1);
        messages.updateOne(Filters.eq("_id", "m"), com.mongodb.client.model.Updates.combine(
                com.mongodb.client.model.Updates.set("text", "castle visit"), MessageChanges.stamp()));
        awaitFound("castle", 1);
        assertEquals(List.of(), found("harbour"));
        messages.deleteOne(Filters.eq("_id", "m"));
        feeder.nudge("m");
        awaitFound("castle", 0);
    }

    @Test
    void anIndexLeftMidRebuildOrInAnotherLayoutIsRebuiltAndAGoodOneIsKept() throws Exception {
        Path path = dir.resolve("index").resolve("messages");
        messages.insertOne(message("x", "orchard", Seq.next()));
        startFeeder();
        assertEquals(List.of("x"), awaitFound("orchard", 1));
        stopFeeder();

        MessageIndex.Opened kept = MessageIndex.open(path);
        assertNull(kept.rebuildReason());
        assertTrue(kept.highWaterMark() > 0);
        kept.index().commit(Map.of(MessageIndex.KEY_STATE, MessageIndex.STATE_REBUILDING));
        kept.index().close();
        MessageIndex.Opened unfinished = MessageIndex.open(path);
        assertNotNull(unfinished.rebuildReason());
        assertTrue(unfinished.rebuildReason().contains("did not finish"), unfinished.rebuildReason());
        unfinished.index().close();

        startFeeder();
        assertEquals(List.of("x"), awaitFound("orchard", 1), "rebuilt from MongoDB");
    }
}
