package org.chaperone.store;

import de.bwaldvogel.mongo.MongoServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded MongoDB-wire-compatible server (mongo-java-server, H2 backend) for laptops and tests.
 * It listens on loopback only, keeps its file under the data directory, and exposes the group
 * committer that makes acknowledged writes survive a crash.
 */
public final class EmbeddedMongo implements AutoCloseable {
    /** Written while the embedded server runs: where operator commands find it. */
    public static final String URI_FILE = "mongo.uri";
    /**
     * The store's page cache. Every page read from the file is decoded again; H2's default (16 MB) holds only a few
     * thousand messages, and the delivery and the index read each new message back soon after it is written.
     */
    static final int CACHE_MB = Integer.getInteger("chaperone.embedded.cacheMb", 64);
    private final EmbeddedBackend backend;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final GroupCommitter committer;

    private final Path dataDir;

    private EmbeddedMongo(EmbeddedBackend backend, MongoServer server, InetSocketAddress address, Path dataDir) {
        this.dataDir = dataDir;
        this.backend = backend;
        this.server = server;
        this.address = address;
        this.committer = new GroupCommitter(backend::commit);
    }

    public static EmbeddedMongo start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        EmbeddedBackend backend = new EmbeddedBackend(new org.h2.mvstore.MVStore.Builder()
                .fileName(dataDir.resolve("mongo.mv").toString()).cacheSize(CACHE_MB).open());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        EmbeddedMongo mongo = new EmbeddedMongo(backend, server, address, dataDir);
        try {
            // Lets operator commands reach the running gateway's database (the file is locked while it runs).
            Files.writeString(dataDir.resolve(URI_FILE), mongo.uri());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(URI_FILE), e);
        }
        return mongo;
    }

    public String uri() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** See {@link EmbeddedBackend#scan}. */
    <T> java.util.List<T> scan(String database, String collection, java.util.function.Function<java.util.Map<String, Object>, T> read) {
        return backend.scan(database, collection, read);
    }

    public DurabilityBarrier barrier() {
        return committer;
    }

    /** Closes listeners first, then commits and closes the file, so a clean stop loses nothing. */
    @Override
    public void close() {
        committer.close();
        server.shutdownNow();
        try {
            Files.deleteIfExists(dataDir.resolve(URI_FILE));
        } catch (IOException ignored) {
            // A stale file only makes operator commands fall back to opening the database file.
        }
        backend.commit();
        backend.close();
    }
}
