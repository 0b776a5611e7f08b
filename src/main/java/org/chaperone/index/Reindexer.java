package org.chaperone.index;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.bson.Document;
import org.chaperone.store.Seq;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Copies every stored message from MongoDB into an index: the background rebuild at start (missing or
 * corrupt index) and {@code scripts/reindex}, which builds a new index beside the old one and swaps it
 * in only when it is complete. Reads in large batches, never the raw MIME.
 */
public final class Reindexer {
    static final int BATCH = 1000;

    private Reindexer() {}

    /** A finished rebuild. */
    public record Rebuilt(long messages, Duration took, long bytes, Path path) {}

    /**
     * Blocking. Reports each message indexed to {@code progress}; returns how many were indexed. Stops
     * early (throwing) when {@code stop} turns true — never by interrupting, which would break the writer.
     */
    static long copyAll(MongoCollection<Document> messages, MessageIndex index, LongConsumer progress,
                        BooleanSupplier stop) throws IOException {
        long count = 0;
        try (MongoCursor<Document> cursor = messages.find().projection(IndexedMessage.PROJECTION).batchSize(BATCH).iterator()) {
            while (cursor.hasNext()) {
                if (stop.getAsBoolean()) throw new InterruptedIOException("the rebuild was stopped");
                index.put(cursor.next());
                progress.accept(++count);
            }
        }
        return count;
    }

    /**
     * Rebuilds the index at {@code path} from {@code messages} while no gateway uses it: builds a new
     * index beside it, then replaces the old one (which may be missing or corrupt). Refuses, changing
     * nothing, when a running gateway holds the index.
     *
     * @param progress told the number indexed so far, as it grows
     */
    public static Rebuilt rebuild(MongoCollection<Document> messages, Path path, LongConsumer progress) {
        long mark = Seq.next();
        try (MongoCursor<Document> cursor = messages.find().projection(IndexedMessage.PROJECTION).batchSize(BATCH).iterator()) {
            return build(cursor, mark, path, progress);
        }
    }

    /**
     * Builds the index at {@code path} from message documents (as stored in {@code messages}), replacing
     * what is there once the new index is complete; {@code highWaterMark} is the change stamp from which a
     * gateway starting on it catches up.
     */
    public static Rebuilt build(Iterator<Document> messages, long highWaterMark, Path path, LongConsumer progress) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(path.getParent());
            try (Closeable ignored = holdIfPresent(path)) {
                Path fresh = path.resolveSibling(path.getFileName() + ".rebuilding");
                deleteTree(fresh);
                long count = 0;
                try (MessageIndex index = MessageIndex.open(fresh).index()) {
                    index.refreshEvery(Long.MAX_VALUE / 2);
                    while (messages.hasNext()) {
                        index.put(messages.next());
                        progress.accept(++count);
                    }
                    index.commit(Map.of(MessageIndex.KEY_STATE, MessageIndex.STATE_COMPLETE,
                            MessageIndex.KEY_HIGH_WATER, Long.toString(highWaterMark)));
                }
                Path old = path.resolveSibling(path.getFileName() + ".replaced");
                deleteTree(old);
                if (Files.exists(path)) Files.move(path, old);
                Files.move(fresh, path);
                deleteTree(old);
                long bytes;
                try (Stream<Path> files = Files.list(path)) {
                    bytes = files.mapToLong(p -> p.toFile().length()).sum();
                }
                return new Rebuilt(count, Duration.ofNanos(System.nanoTime() - started), bytes, path);
            }
        } catch (LockObtainFailedException e) {
            throw new IllegalStateException("a running gateway holds the search index at " + path + " and keeps it "
                    + "current itself. To rebuild it anyway, stop the gateway and run this again (or delete " + path
                    + " and start the gateway, which rebuilds it in the background).", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not rebuild the search index at " + path + ": " + e.getMessage(), e);
        }
    }

    /** Takes the index's write lock, so no gateway starts on it meanwhile; nothing to hold when there is no index yet. */
    private static Closeable holdIfPresent(Path path) throws IOException {
        if (!Files.isDirectory(path)) return () -> {};
        Directory dir = FSDirectory.open(path);
        try {
            Lock lock = dir.obtainLock(IndexWriter.WRITE_LOCK_NAME);
            return () -> {
                try {
                    lock.close();
                } finally {
                    dir.close();
                }
            };
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
