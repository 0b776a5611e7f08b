package org.chaperone.index;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.chaperone.cli.ReindexCommand;
import org.chaperone.config.GatewayConfig;
import org.chaperone.pipeline.MessageChanges;
import org.chaperone.pipeline.Messages;
import org.chaperone.store.Ids;
import org.chaperone.store.MongoStore;
import org.chaperone.store.Seq;
import org.chaperone.testing.Api;
import org.chaperone.testing.Await;
import org.chaperone.testing.MutableClock;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.chaperone.index.SearchFixture.ids;
import static org.chaperone.index.SearchFixture.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index is derived data: deleted or corrupted while the gateway is stopped, it is rebuilt at start
 * with the same answers; what it missed (a crash, writes made while it was closed or by another node)
 * it catches up from MongoDB; scripts/reindex rebuilds it with a count.
 */
class IndexRecoveryTest {
    TestGateway gw;
    SearchFixture f;

    @BeforeEach
    void start() {
        gw = TestGateway.start();
        f = new SearchFixture(gw);
    }

    @AfterEach
    void stop() {
        if (gw != null) gw.close();
    }

    private Path indexDir() {
        return IndexModule.location(gw.gateway().config().dataPath());
    }

    /** A few messages of several kinds with a shared word, and the answers to some searches about them. */
    private Map<String, List<String>> messagesAndAnswers(String m) {
        f.send(f.alex, f.rubyPairing.getString("id"), "Trip " + m, "Ruby, " + m + " the museum trip is on Friday");
        f.send(f.jo, f.samPairing.getString("id"), "Notes " + m, "Sam, " + m + " the notes about the museum");
        f.flaggedFromSam("Jo, " + m + " keep this between us", "secrecy", "high", "keep this between us", f.ago(Duration.ofDays(2)));
        f.heldFromAlex("Ruby " + m + " ring me on 07700 900321", "07700 900321", f.ago(Duration.ofHours(1)));
        f.send(f.mentorB, f.pairingB, "Plans", "Hello " + m + " museum plans");
        f.awaitCount(f.dsl, q(m), 5);
        return answers(m);
    }

    private Map<String, List<String>> answers(String m) {
        return Map.of(
                "manager " + m, ids(f.search(f.manager, q(m))),
                "dsl " + m, ids(f.search(f.dsl, q(m))),
                "manager museum", ids(f.search(f.manager, q(m + " museum") + "&sort=relevance")),
                "dsl secrecy", ids(f.search(f.dsl, q(m) + "&category=secrecy")),
                "managerB " + m, ids(f.search(f.managerB, q(m))));
    }

    private void awaitComplete() {
        Await.condition("the index to be complete", Duration.ofSeconds(60), () -> {
            Api.Response r = f.search(f.manager, q("anything"));
            return r.status() == 200 && r.json().getBoolean("complete");
        });
    }

    private void restart(Runnable whileStopped) {
        gw.restart(MutableClock.daytime(), whileStopped);
    }

    @Test
    void anIndexDeletedWhileStoppedIsRebuiltAtStartWithTheSameAnswers() {
        String m = SearchFixture.marker();
        Map<String, List<String>> before = messagesAndAnswers(m);
        Path dir = indexDir();
        restart(() -> deleteTree(dir));
        awaitComplete();
        assertEquals(before, answers(m));
    }

    @Test
    void aCorruptIndexIsMovedAsideAndRebuiltAtStart() throws IOException {
        String m = SearchFixture.marker();
        Map<String, List<String>> before = messagesAndAnswers(m);
        Path dir = indexDir();
        restart(() -> overwriteLargestFileWithGarbage(dir));
        awaitComplete();
        assertEquals(before, answers(m));
        try (Stream<Path> siblings = Files.list(dir.getParent())) {
            assertTrue(siblings.anyMatch(p -> p.getFileName().toString().startsWith("messages.corrupt-")),
                    "the corrupt index is kept aside for a look");
        }
    }

    @Test
    void messagesWrittenStraightToMongoDbAreIndexedByTheFeederWhileRunningAndAfterAStop() {
        String m = SearchFixture.marker();
        String first = f.send(f.alex, f.rubyPairing.getString("id"), "Trip", "Ruby, " + m + " see you at the library");
        f.awaitCount(f.manager, q(m), 1);
        // While running: a document inserted as the pipeline would (another node, say), announced to no one.
        String live = insertLike(first, "Ruby, " + m + " the library closes early on Friday");
        assertEquals(2, f.awaitCount(f.manager, q(m), 2).size());
        assertTrue(ids(f.search(f.manager, q(m + " closes"))).contains(live));
        // While stopped: the index is behind MongoDB, and catches up at start.
        List<String> whileStopped = new ArrayList<>();
        GatewayConfig config = gw.gateway().config();
        restart(() -> {
            try (MongoStore store = MongoStore.open(config.mongo(), config.dataPath())) {
                MongoCollection<Document> messages = store.collection(Messages.COLLECTION);
                Document template = messages.find(Filters.eq("_id", first)).first();
                for (int i = 0; i < 3; i++) {
                    Document copy = new Document(template);
                    copy.put("_id", Ids.newId());
                    copy.put("text", "Ruby, " + m + " while the gateway was stopped, number " + i);
                    long seq = Seq.next();
                    copy.put("seq", seq);
                    copy.put(MessageChanges.FIELD, seq);
                    messages.insertOne(copy);
                    whileStopped.add(copy.getString("_id"));
                }
                store.awaitDurable();
            }
        });
        List<String> found = f.awaitCount(f.manager, q(m), 5);
        assertTrue(found.containsAll(whileStopped), found.toString());
    }

    @Test
    void theReindexCommandRebuildsWithACountAndRefusesWhileTheGatewayRuns() {
        String m = SearchFixture.marker();
        Map<String, List<String>> before = messagesAndAnswers(m);
        GatewayConfig config = gw.gateway().config();

        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        assertEquals(1, ReindexCommand.run(config, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), "a running gateway holds its index");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("running gateway"), err.toString(StandardCharsets.UTF_8));

        long[] stored = new long[1];
        restart(() -> {
            try (MongoStore store = MongoStore.open(config.mongo(), config.dataPath())) {
                stored[0] = store.collection(Messages.COLLECTION).countDocuments();
            }
            ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
            int status = ReindexCommand.run(config, new PrintStream(o, true, StandardCharsets.UTF_8),
                    new PrintStream(e, true, StandardCharsets.UTF_8));
            assertEquals(0, status, e.toString(StandardCharsets.UTF_8));
            String printed = o.toString(StandardCharsets.UTF_8);
            assertTrue(printed.startsWith("Indexed " + stored[0] + " messages"), printed);
            assertTrue(e.toString(StandardCharsets.UTF_8).contains("Indexing messages"), "a progress bar on stderr");
        });
        assertTrue(stored[0] >= 5);
        awaitComplete();
        assertEquals(before, answers(m));
    }

    private static void deleteTree(Path dir) {
        try {
            if (!Files.exists(dir)) return;
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void overwriteLargestFileWithGarbage(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            Path largest = files.filter(p -> !p.getFileName().toString().equals("write.lock"))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
            byte[] garbage = new byte[(int) Files.size(largest)];
            new Random(42).nextBytes(garbage);
            Files.write(largest, garbage);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String insertLike(String templateId, String text) {
        MongoCollection<Document> messages = gw.gateway().store().collection(Messages.COLLECTION);
        Document copy = new Document(messages.find(Filters.eq("_id", templateId)).first());
        copy.put("_id", Ids.newId());
        copy.put("text", text);
        long seq = Seq.next();
        copy.put("seq", seq);
        copy.put(MessageChanges.FIELD, seq);
        messages.insertOne(copy);
        gw.gateway().store().awaitDurable();
        return copy.getString("_id");
    }
}
