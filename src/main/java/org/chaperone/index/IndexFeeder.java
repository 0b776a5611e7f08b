package org.chaperone.index;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.chaperone.pipeline.MessageChanges;
import org.chaperone.store.Seq;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the index current from MongoDB, on one thread that alone writes the index.
 * <ul>
 *   <li>At start: a full rebuild when the index had to be created, then a catch-up from the high-water
 *       mark of the last commit, so what a crash lost is indexed again.</li>
 *   <li>Near-real-time: {@link #nudge} with the id of a message stored or changed in this process; the
 *       feeder reads that one message (by {@code _id}, cheap everywhere) and indexes it.</li>
 *   <li>Polling {@code updatedSeq > highWaterMark - window} catches what no nudge announced: other
 *       nodes, writes made while the index was closed. Stamps can become visible slightly out of order
 *       (a write stamped earlier committing later; clocks of several nodes), so each poll re-reads a
 *       window behind the mark, skipping versions it has indexed already. The embedded server has no
 *       secondary indexes, so a poll there reads the whole collection: the feeder measures each poll
 *       and keeps polling to a small share of one core.</li>
 *   <li>Commits every few seconds with the high-water mark in the commit's user data.</li>
 * </ul>
 */
public final class IndexFeeder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(IndexFeeder.class.getName());

    /**
     * @param pollEvery      the shortest time between two polls
     * @param pollShare      polls take at most about 1/pollShare of the time (a poll of d waits pollShare·d)
     * @param window         how far behind its high-water mark each poll re-reads
     * @param commitEvery    how often what was indexed is committed
     */
    public record Options(Duration pollEvery, int pollShare, Duration window, Duration commitEvery) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(1), 20, Duration.ofSeconds(60), Duration.ofSeconds(5));
        }
    }

    public enum Phase { REBUILDING, CATCHING_UP, CURRENT, FAILED, STOPPED }

    /** What the feeder is doing, for /ready and for searches to say whether their answer is complete. */
    public record Status(Phase phase, long rebuilt, long rebuildTotal, String detail) {
        public boolean complete() {
            return phase == Phase.CURRENT;
        }
    }

    private final MessageIndex index;
    private final MongoCollection<Document> messages;
    private final Options options;
    private final long windowMicros;
    private final LinkedBlockingQueue<String> nudged = new LinkedBlockingQueue<>(100_000);
    /** Stamps of versions indexed within the window, so a poll does not index them again. */
    private final Map<String, Long> recent = new HashMap<>();
    private String rebuildReason;
    private long highWater;
    private long lastCommit;
    private volatile boolean pollSoon;
    private volatile boolean stopping;
    private volatile Phase phase;
    private volatile long rebuilt, rebuildTotal;
    private volatile String detail = "";
    private Thread thread;

    public IndexFeeder(MessageIndex.Opened opened, MongoCollection<Document> messages, Options options) {
        this.index = opened.index();
        this.messages = messages;
        this.options = options;
        this.windowMicros = options.window().toNanos() / 1000;
        this.rebuildReason = opened.rebuildReason();
        this.highWater = opened.highWaterMark();
        this.phase = rebuildReason != null ? Phase.REBUILDING : Phase.CATCHING_UP;
    }

    public synchronized void start() {
        if (thread != null) return;
        thread = Thread.ofPlatform().name("chaperone-index-feeder").daemon(true).start(this::run);
    }

    /** The message was stored or changed (or deleted) here: index it now rather than at the next poll. */
    public void nudge(String messageId) {
        if (messageId != null && !nudged.offer(messageId)) pollSoon = true;
    }

    public Status status() {
        return new Status(phase, rebuilt, rebuildTotal, detail);
    }

    private void run() {
        try {
            while (!stopping && phase == Phase.REBUILDING) retrying(this::rebuild);
            while (!stopping && phase == Phase.CATCHING_UP) {
                retrying(() -> {
                    poll();
                    commit(false);
                    phase = Phase.CURRENT;
                    detail = "";
                    LOG.info("the search index is current (" + index.messageCount() + " messages)");
                });
            }
            loop();
        } catch (IOException | RuntimeException e) {
            if (stopping && e instanceof InterruptedIOException) return;
            phase = Phase.FAILED;
            detail = "the search index failed: " + e.getMessage() + "; restart the gateway to rebuild it";
            LOG.log(Level.SEVERE, "the search index failed; searches answer 503 until the gateway is restarted", e);
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    /** Runs the step; when MongoDB cannot be reached, says so and waits a little, for the caller to run it again. */
    private void retrying(Step step) throws IOException {
        try {
            step.run();
        } catch (MongoException e) {
            detail = "waiting for MongoDB: " + e.getMessage();
            LOG.warning("the search index cannot read MongoDB, retrying: " + e.getMessage());
            pause(Duration.ofSeconds(2));
        }
    }

    private void rebuild() throws IOException {
        long started = System.nanoTime();
        long mark = Seq.next();
        LOG.info("rebuilding the search index from MongoDB: " + rebuildReason);
        index.refreshEvery(5_000);
        index.clear();
        index.commit(Map.of(MessageIndex.KEY_STATE, MessageIndex.STATE_REBUILDING));
        rebuilt = 0;
        rebuildTotal = messages.estimatedDocumentCount();
        long count = Reindexer.copyAll(messages, index, n -> rebuilt = n, () -> stopping);
        highWater = mark;
        recent.clear();
        phase = Phase.CATCHING_UP;
        commit(true);
        index.refreshEvery(250);
        index.refresh();
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info(String.format("rebuilt the search index: %d messages in %.1f s", count, seconds));
        rebuildReason = null;
    }

    private void loop() throws IOException {
        long nextPoll = System.nanoTime() + options.pollEvery().toNanos();
        List<String> batch = new ArrayList<>();
        while (!stopping) {
            long now = System.nanoTime();
            long wait = Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(nextPoll - now), 250));
            String first;
            try {
                first = nudged.poll(wait, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                if (first != null) {
                    batch.clear();
                    batch.add(first);
                    nudged.drainTo(batch, 499);
                    for (String id : batch) indexOne(id);
                }
                if (pollSoon || System.nanoTime() >= nextPoll) {
                    pollSoon = false;
                    long t0 = System.nanoTime();
                    poll();
                    long took = System.nanoTime() - t0;
                    nextPoll = System.nanoTime() + Math.max(options.pollEvery().toNanos(), took * options.pollShare());
                    detail = "";
                }
            } catch (MongoException e) {
                detail = "cannot read MongoDB: " + e.getMessage();
                LOG.warning("the search index could not read MongoDB; it catches up when MongoDB answers: " + e.getMessage());
                for (String id : batch) nudged.offer(id);
                nextPoll = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            }
            if (System.nanoTime() - lastCommit >= options.commitEvery().toNanos()) commit(false);
        }
    }

    private void indexOne(String id) throws IOException {
        Document m = messages.find(Filters.eq("_id", id)).projection(IndexedMessage.PROJECTION).first();
        if (m == null) {
            index.remove(id);
            recent.remove(id);
            return;
        }
        put(m);
    }

    private void put(Document m) throws IOException {
        String id = m.getString("_id");
        long stamp = IndexedMessage.stamp(m);
        Long indexed = recent.get(id);
        if (indexed != null && indexed == stamp) return;
        index.put(m);
        if (stamp > highWater - windowMicros) recent.put(id, stamp);
    }

    /** Indexes every message changed since a window before the high-water mark, oldest change first. */
    private void poll() throws IOException {
        long from = Math.max(0, highWater - windowMicros);
        try (MongoCursor<Document> cursor = messages.find(Filters.gt(MessageChanges.FIELD, from))
                .projection(IndexedMessage.PROJECTION).sort(Sorts.ascending(MessageChanges.FIELD))
                .batchSize(Reindexer.BATCH).iterator()) {
            while (cursor.hasNext() && !stopping) {
                Document m = cursor.next();
                put(m);
                highWater = Math.max(highWater, IndexedMessage.stamp(m));
                if (System.nanoTime() - lastCommit >= options.commitEvery().toNanos()) commit(false);
            }
        }
        long horizon = highWater - windowMicros;
        recent.values().removeIf(stamp -> stamp <= horizon);
    }

    /** Commits what was indexed (when anything was, or when forced); the high-water mark only once no rebuild is under way. */
    private void commit(boolean force) throws IOException {
        lastCommit = System.nanoTime();
        if (phase == Phase.REBUILDING || !(force || index.hasUncommittedChanges())) return;
        index.commit(Map.of(MessageIndex.KEY_STATE, MessageIndex.STATE_COMPLETE,
                MessageIndex.KEY_HIGH_WATER, Long.toString(highWater)));
    }

    private void pause(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        while (!stopping && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(100, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()) + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the thread (without interrupting it: Lucene's writer must not be interrupted) and commits. */
    @Override
    public void close() {
        stopping = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) LOG.warning("the index feeder did not stop in 30 s; its last changes are indexed again at the next start");
        }
        try {
            if (phase != Phase.FAILED && (t == null || !t.isAlive())) commit(false);
        } catch (IOException | RuntimeException e) {
            LOG.warning("could not commit the search index on stop; it catches up at the next start: " + e);
        }
        phase = Phase.STOPPED;
    }
}
