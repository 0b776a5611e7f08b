package org.chaperone.index;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
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
    /**
     * The stamps of messages changed after a stamp ({@code _id}, {@link MessageChanges#FIELD}, {@code seq}), read
     * without making writers wait; absent where a query serves (an external MongoDB, with its index on the stamp).
     */
    private final java.util.function.LongFunction<List<Document>> changedSince;
    private final Options options;
    private final long windowMicros;
    /** A message changed in this process, with the message as stored when the writer handed it over (else null). */
    private record Nudge(String id, Document stored, long bytes) {}

    /** At most this much text waits in nudges; beyond it a nudge carries only the id and the message is read back. */
    private static final long MAX_PENDING_BYTES = 16L << 20;
    private final LinkedBlockingQueue<Nudge> nudged = new LinkedBlockingQueue<>(100_000);
    private final java.util.concurrent.atomic.AtomicLong pendingBytes = new java.util.concurrent.atomic.AtomicLong();
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
        this(opened, messages, null, options);
    }

    /** @param changedSince see {@link #changedSince}; null to poll with a query */
    public IndexFeeder(MessageIndex.Opened opened, MongoCollection<Document> messages,
                       java.util.function.LongFunction<List<Document>> changedSince, Options options) {
        this.index = opened.index();
        this.messages = messages;
        this.changedSince = changedSince;
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
        nudge(messageId, null);
    }

    /**
     * As {@link #nudge(String)}, with the message as it was just written ({@code stored}, with its change stamp), so it
     * is indexed without reading it back from MongoDB. Only the fields the index reads are kept.
     */
    public void nudge(String messageId, Document stored) {
        if (messageId == null) return;
        Document view = null;
        long bytes = 0;
        if (stored != null && messageId.equals(stored.getString("_id"))) {
            String text = stored.getString("text");
            String subject = stored.getString("subject");
            bytes = 2L * ((text == null ? 0 : text.length()) + (subject == null ? 0 : subject.length())) + 1024;
            if (pendingBytes.addAndGet(bytes) <= MAX_PENDING_BYTES) {
                view = new Document(stored);
                view.keySet().removeAll(NOT_INDEXED);
            } else {
                pendingBytes.addAndGet(-bytes);
                bytes = 0;
            }
        }
        if (!nudged.offer(new Nudge(messageId, view, bytes))) {
            pendingBytes.addAndGet(-bytes);
            pollSoon = true;
        }
    }

    /** The fields {@link IndexedMessage#PROJECTION} leaves out. */
    private static final java.util.Set<String> NOT_INDEXED = java.util.Set.of("raw", "html", "parts", "attachments");

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
        List<Nudge> batch = new ArrayList<>();
        while (!stopping) {
            long now = System.nanoTime();
            long wait = Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(nextPoll - now), 250));
            Nudge first;
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
                    for (Nudge n : batch) {
                        pendingBytes.addAndGet(-n.bytes());
                        if (n.stored() != null) putNewer(n.stored());
                        else indexOne(n.id());
                    }
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
                for (Nudge n : batch) nudged.offer(new Nudge(n.id(), null, 0));
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

    /**
     * Indexes a message handed over by its writer in this process, unless a later version of it is indexed already
     * (two writers' nudges can arrive in either order; a poll corrects what any other order leaves).
     */
    private void putNewer(Document m) throws IOException {
        Long indexed = recent.get(m.getString("_id"));
        if (indexed != null && indexed >= IndexedMessage.stamp(m)) return;
        put(m);
    }

    /**
     * Indexes every message changed since a window before the high-water mark, oldest change first. The poll reads
     * ids and stamps first and then whole only the versions not indexed yet: most of the window was indexed from
     * nudges already, and reading it whole again would cost its full text every poll.
     */
    private void poll() throws IOException {
        long from = Math.max(0, highWater - windowMicros);
        List<Document> pending = new ArrayList<>();
        if (changedSince != null) {
            for (Document d : changedSince.apply(from)) {
                if (stopping) break;
                consider(d, pending);
            }
        } else {
            try (MongoCursor<Document> cursor = messages.find(Filters.gt(MessageChanges.FIELD, from))
                    .projection(Projections.include(MessageChanges.FIELD, "seq")).sort(Sorts.ascending(MessageChanges.FIELD))
                    .batchSize(Reindexer.BATCH).iterator()) {
                while (cursor.hasNext() && !stopping) consider(cursor.next(), pending);
            }
        }
        fetchAndPut(pending);
        long horizon = highWater - windowMicros;
        recent.values().removeIf(stamp -> stamp <= horizon);
    }

    /** One changed message seen by a poll (oldest change first): indexed already, or fetched with the next batch. */
    private void consider(Document d, List<Document> pending) throws IOException {
        long stamp = IndexedMessage.stamp(d);
        Long indexed = recent.get(d.getString("_id"));
        if (indexed != null && indexed == stamp) {
            if (pending.isEmpty()) highWater = Math.max(highWater, stamp);
            return;
        }
        pending.add(d);
        if (pending.size() >= Reindexer.BATCH) {
            fetchAndPut(pending);
            pending.clear();
        }
    }

    /** Reads the listed messages whole (by id) and indexes them in the order listed; the mark moves past them. */
    private void fetchAndPut(List<Document> listed) throws IOException {
        if (listed.isEmpty()) return;
        Map<String, Document> byId = new HashMap<>();
        for (Document m : messages.find(Filters.in("_id", listed.stream().map(d -> d.getString("_id")).toList()))
                .projection(IndexedMessage.PROJECTION)) {
            byId.put(m.getString("_id"), m);
        }
        for (Document d : listed) {
            Document m = byId.get(d.getString("_id"));
            if (m != null) put(m); // gone since it was listed: its deletion nudges or the next rebuild removes it
            highWater = Math.max(highWater, Math.max(IndexedMessage.stamp(d), m == null ? 0 : IndexedMessage.stamp(m)));
        }
        if (System.nanoTime() - lastCommit >= options.commitEvery().toNanos()) commit(false);
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
