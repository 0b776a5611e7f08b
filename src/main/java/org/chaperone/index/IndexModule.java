package org.chaperone.index;

import io.vertx.core.Future;
import org.chaperone.pipeline.Messages;
import org.chaperone.store.MongoStore;

import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * The message index as the gateway runs it: opened (or rebuilt) under {@code dataDir/index/messages},
 * fed from MongoDB by an {@link IndexFeeder}, searched through a {@link SearchService}. The gateway
 * tells it of each message stored or changed ({@link #changed}); /ready shows what it is doing.
 */
public final class IndexModule implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(IndexModule.class.getName());

    private final MessageIndex index;
    private final IndexFeeder feeder;
    private final SearchService search;

    private IndexModule(MessageIndex index, IndexFeeder feeder) {
        this.index = index;
        this.feeder = feeder;
        this.search = new SearchService(index, feeder::status);
    }

    /**
     * On the embedded server, the poll's read of recent changes: a snapshot of the store's map, oldest change first,
     * so message writes never wait for a whole-collection scan. Null for an external MongoDB (a query, served by its
     * index on the stamp).
     */
    static java.util.function.LongFunction<java.util.List<org.bson.Document>> changedSince(MongoStore store) {
        if (!store.embedded()) return null;
        return from -> {
            // Only what changed since the stamp is copied out: a poll reads every message of the store.
            java.util.List<org.bson.Document> changed = store.scanWithoutLocking(Messages.COLLECTION, m ->
                    IndexedMessage.stamp(m) <= from ? null : new org.bson.Document("_id", m.get("_id"))
                            .append(org.chaperone.pipeline.MessageChanges.FIELD, m.get(org.chaperone.pipeline.MessageChanges.FIELD))
                            .append("seq", m.get("seq"))).orElseThrow();
            changed.sort(java.util.Comparator.comparingLong(IndexedMessage::stamp));
            return changed;
        };
    }

    public static Path location(Path dataDir) {
        return dataDir.resolve("index").resolve("messages");
    }

    /** Opens the index and starts feeding it; a rebuild, when needed, runs in the background. Blocking. */
    public static IndexModule start(Path dataDir, MongoStore store, IndexFeeder.Options options) {
        MessageIndex.Opened opened = MessageIndex.open(location(dataDir));
        if (opened.rebuildReason() != null) {
            LOG.info("the search index is rebuilt from MongoDB in the background: " + opened.rebuildReason());
        }
        IndexFeeder feeder = new IndexFeeder(opened, store.collection(Messages.COLLECTION), changedSince(store), options);
        IndexModule module = new IndexModule(opened.index(), feeder);
        feeder.start();
        return module;
    }

    /** A message was stored, changed or deleted in this process; {@code stored} is the message now, when known. */
    public void changed(String messageId, org.bson.Document stored) {
        feeder.nudge(messageId, stored);
    }

    public SearchService search() {
        return search;
    }

    public IndexFeeder.Status status() {
        return feeder.status();
    }

    public MessageIndex index() {
        return index;
    }

    /**
     * For /ready: up while current, catching up or rebuilding (messages still flow; searches say their
     * answer is incomplete), down only when the index failed.
     */
    public Future<String> readiness() {
        IndexFeeder.Status s = feeder.status();
        return switch (s.phase()) {
            case CURRENT -> Future.succeededFuture("current: " + index.messageCount() + " messages"
                    + (s.detail().isBlank() ? "" : "; " + s.detail()));
            case CATCHING_UP -> Future.succeededFuture("catching up from MongoDB" + (s.detail().isBlank() ? "" : "; " + s.detail()));
            case REBUILDING -> Future.succeededFuture("rebuilding " + s.rebuilt() + "/" + s.rebuildTotal()
                    + "; searches answer with complete=false until it is done" + (s.detail().isBlank() ? "" : "; " + s.detail()));
            case FAILED, STOPPED -> Future.failedFuture(s.detail().isBlank() ? "the search index is not running" : s.detail());
        };
    }

    @Override
    public void close() {
        feeder.close();
        index.close();
    }
}
