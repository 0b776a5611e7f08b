package org.chaperone.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The Lucene index of stored messages under {@code dataDir/index/messages}: one writer, and a
 * near-real-time {@link SearcherManager} refreshed about every 250 ms. The index is derived data:
 * {@link #open} decides whether what is on disk can be used, and otherwise says why it must be
 * rebuilt from MongoDB (missing, corrupt, an unfinished rebuild, an older layout) — a corrupt one is
 * first moved aside, never deleted, so it can be looked at.
 *
 * <p>The commit's user data carries the layout version, whether the last rebuild finished, and the
 * high-water mark: the change stamp up to which every message is in this commit.
 */
public final class MessageIndex implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MessageIndex.class.getName());
    /** Raise when the fields change: an index of another layout is rebuilt at start. */
    static final String LAYOUT = "1";
    static final String KEY_LAYOUT = "layout";
    static final String KEY_STATE = "state";
    static final String KEY_HIGH_WATER = "highWaterMark";
    static final String STATE_COMPLETE = "complete";
    static final String STATE_REBUILDING = "rebuilding";
    private static final DateTimeFormatter ASIDE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ScheduledExecutorService refresher;
    private final Analyzer analyzer;
    private volatile long refreshEveryMillis = 250;
    private volatile long lastRefresh;

    /** What {@link #open} found: the index, and why it must be rebuilt (null when it can be used as it is). */
    public record Opened(MessageIndex index, String rebuildReason, long highWaterMark) {}

    private MessageIndex(Path path, Directory directory, IndexWriter writer) throws IOException {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.analyzer = writer.getAnalyzer();
        this.searchers = new SearcherManager(writer, null);
        this.refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("chaperone-index-refresh")
                .daemon().factory());
        refresher.scheduleWithFixedDelay(this::refreshIfDue, 250, 250, TimeUnit.MILLISECONDS);
    }

    public static Analyzer analyzer() {
        return new EnglishAnalyzer();
    }

    /**
     * Opens the index at {@code path}, checking every file's checksum. A missing index is created
     * empty; a corrupt one is moved to {@code <path>.corrupt-<time>} and created empty. Either way
     * the answer names the reason to rebuild. An index another process holds is an error: two
     * writers must never share it.
     */
    public static Opened open(Path path) {
        try {
            Files.createDirectories(path.getParent());
            if (!Files.isDirectory(path) || !hasIndex(path)) {
                String reason = Files.isDirectory(path) ? "the index directory " + path + " holds no index"
                        : "there is no index at " + path;
                return new Opened(create(path), reason, 0);
            }
            MessageIndex index = null;
            try {
                index = start(path, FSDirectory.open(path), config());
                index.verify();
                Map<String, String> data = index.committed();
                if (!LAYOUT.equals(data.get(KEY_LAYOUT))) {
                    return new Opened(index, "the index was written in another layout (" + data.get(KEY_LAYOUT) + ", now " + LAYOUT + ")", 0);
                }
                if (!STATE_COMPLETE.equals(data.get(KEY_STATE))) {
                    return new Opened(index, "an earlier rebuild of the index did not finish", 0);
                }
                return new Opened(index, null, Long.parseLong(data.getOrDefault(KEY_HIGH_WATER, "0")));
            } catch (LockObtainFailedException e) {
                closeQuietly(index);
                throw new IllegalStateException("the search index at " + path + " is in use by another process "
                        + "(is scripts/reindex running, or another gateway using the same data directory?)", e);
            } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException | NoSuchFileException
                     | FileNotFoundException | EOFException | NumberFormatException e) {
                closeQuietly(index);
                Path aside = path.resolveSibling(path.getFileName() + ".corrupt-" + ASIDE.format(Instant.now()));
                Files.move(path, aside);
                LOG.warning("the search index at " + path + " cannot be read (" + e + "); moved it to " + aside
                        + " and rebuilding from MongoDB");
                return new Opened(create(path), "the index was corrupt (" + e.getClass().getSimpleName() + "); moved to "
                        + aside.getFileName(), 0);
            } catch (IOException | RuntimeException e) {
                closeQuietly(index);
                throw e;
            }
        } catch (AccessDeniedException e) {
            throw new IllegalStateException("cannot write the search index at " + path + ": permission denied", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index at " + path, e);
        }
    }

    private static boolean hasIndex(Path path) throws IOException {
        try (Directory d = FSDirectory.open(path)) {
            return DirectoryReader.indexExists(d);
        }
    }

    private static MessageIndex create(Path path) throws IOException {
        Files.createDirectories(path);
        MessageIndex index = start(path, FSDirectory.open(path), config().setOpenMode(IndexWriterConfig.OpenMode.CREATE));
        index.commit(Map.of(KEY_STATE, STATE_REBUILDING));
        return index;
    }

    /** A writer and its searchers on the directory; closes what it opened when any step fails. */
    private static MessageIndex start(Path path, Directory directory, IndexWriterConfig config) throws IOException {
        IndexWriter writer = null;
        try {
            writer = new IndexWriter(directory, config);
            return new MessageIndex(path, directory, writer);
        } catch (IOException | RuntimeException e) {
            try {
                if (writer != null) writer.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            directory.close();
            throw e;
        }
    }

    private static IndexWriterConfig config() {
        return new IndexWriterConfig(analyzer()).setOpenMode(IndexWriterConfig.OpenMode.APPEND)
                .setRAMBufferSizeMB(64).setCommitOnClose(false);
    }

    /** Reads every file of the index through to its checksum, so corruption is found now rather than by a search. */
    private void verify() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) leaf.reader().checkIntegrity();
        } finally {
            searchers.release(s);
        }
    }

    private static void closeQuietly(MessageIndex index) {
        if (index == null) return;
        try {
            index.close();
        } catch (RuntimeException e) {
            LOG.warning("could not close the index at " + index.path + ": " + e);
        }
    }

    public Path path() {
        return path;
    }

    Analyzer searchAnalyzer() {
        return analyzer;
    }

    /** Adds the message, or replaces the version indexed before. */
    void put(org.bson.Document message) throws IOException {
        writer.updateDocument(IndexedMessage.key(message.getString("_id")), IndexedMessage.of(message));
    }

    void remove(String messageId) throws IOException {
        writer.deleteDocuments(IndexedMessage.key(messageId));
    }

    void clear() throws IOException {
        writer.deleteAll();
    }

    /** Makes everything written so far durable, with this user data (the layout is always added). */
    void commit(Map<String, String> data) throws IOException {
        Map<String, String> all = new HashMap<>(data);
        all.put(KEY_LAYOUT, LAYOUT);
        writer.setLiveCommitData(all.entrySet());
        writer.commit();
    }

    boolean hasUncommittedChanges() {
        return writer.hasUncommittedChanges();
    }

    Map<String, String> committed() throws IOException {
        Map<String, String> out = new HashMap<>();
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) data.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** How often searches see new writes: about every 250 ms, less often during a bulk rebuild. */
    void refreshEvery(long millis) {
        this.refreshEveryMillis = millis;
    }

    private void refreshIfDue() {
        long now = System.nanoTime();
        if (now - lastRefresh < TimeUnit.MILLISECONDS.toNanos(refreshEveryMillis)) return;
        lastRefresh = now;
        refresh();
    }

    /** Makes everything written so far visible to searches. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException | RuntimeException e) {
            LOG.warning("could not refresh the search index: " + e);
        }
    }

    IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    /** Messages in the index now (written, whether or not yet visible or committed). */
    public long messageCount() {
        return writer.getDocStats().numDocs;
    }

    /** Bytes the index's files take on disk. */
    public long sizeOnDisk() {
        try (Stream<Path> files = Files.list(path)) {
            return files.mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0L; // merged away while listing
                }
            }).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Merges down to a few segments: for a bulk build that will be searched at once (benchmarks, scripts/reindex). */
    void compact() throws IOException {
        writer.forceMerge(8);
    }

    /** Whether the writer failed for good (a disk error): the index must be reopened, and is rebuilt when unreadable. */
    boolean failed() {
        return writer.getTragicException() != null || !writer.isOpen();
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            searchers.close();
        } catch (IOException e) {
            LOG.warning("could not close the index searchers: " + e);
        }
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            LOG.warning("could not close the index writer at " + path + ": " + e);
        }
        try {
            directory.close();
        } catch (IOException e) {
            LOG.warning("could not close the index directory: " + e);
        }
    }
}
