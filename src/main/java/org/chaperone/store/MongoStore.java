package org.chaperone.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.chaperone.config.GatewayConfig;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The source of truth: MongoDB through the official driver. With no URI configured the embedded
 * server is started under the data directory; with a URI nothing embedded starts and the write
 * concern (majority, journaled) is the durability barrier.
 *
 * <p>All methods block: call them from worker or virtual threads (see {@code Blocking}).
 */
public final class MongoStore implements AutoCloseable {
    private final MongoClient client;
    private final MongoDatabase database;
    private final DurabilityBarrier barrier;
    private final EmbeddedMongo embedded;

    private MongoStore(MongoClient client, MongoDatabase database, DurabilityBarrier barrier, EmbeddedMongo embedded) {
        this.client = client;
        this.database = database;
        this.barrier = barrier;
        this.embedded = embedded;
    }

    public static MongoStore open(GatewayConfig.Mongo mongo, Path dataDir) {
        EmbeddedMongo embedded = mongo.embedded() ? EmbeddedMongo.start(dataDir) : null;
        String uri = embedded != null ? embedded.uri() : mongo.uri();
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applicationName("chaperone")
                .applyToClusterSettings(b -> b.serverSelectionTimeout(mongo.timeoutMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(mongo.timeoutMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(Math.max(mongo.timeoutMillis() * 3, 10_000), TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(b -> b.maxSize(100)
                        .maxWaitTime(mongo.timeoutMillis(), TimeUnit.MILLISECONDS));
        // The embedded server does not understand write concerns beyond acknowledgement.
        if (embedded == null) {
            settings.writeConcern(WriteConcern.MAJORITY.withJournal(true)).readConcern(ReadConcern.MAJORITY);
        }
        MongoClient client = MongoClients.create(settings.build());
        MongoDatabase database = client.getDatabase(mongo.database());
        DurabilityBarrier barrier = embedded != null ? embedded.barrier() : DurabilityBarrier.WRITE_CONCERN;
        MongoStore store = new MongoStore(client, database, barrier, embedded);
        return store;
    }

    /**
     * Reads every document of a collection without making its writers wait, where the store allows it: on the
     * embedded server a query that is not by {@code _id} scans the whole collection while holding the collection's
     * lock, so every write waits for the scan; this reads a snapshot of the embedded store instead. {@code read}
     * sees each document as a map and returns null to leave it out. Empty for an external MongoDB, whose indexes
     * serve queries.
     */
    public <T> java.util.Optional<java.util.List<T>> scanWithoutLocking(String collection,
                                                                       java.util.function.Function<java.util.Map<String, Object>, T> read) {
        if (embedded == null) return java.util.Optional.empty();
        return java.util.Optional.of(embedded.scan(database.getName(), collection, read));
    }

    public MongoCollection<Document> collection(String name) {
        return database.getCollection(name);
    }

    public MongoDatabase database() {
        return database;
    }

    /** Blocks until every write this thread finished is durable; call before acknowledging. */
    public void awaitDurable() {
        try {
            barrier.awaitDurable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for the database to commit", e);
        } catch (IllegalStateException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
    }

    /** Durability asked for and not yet waited for: see {@link #requestDurable}. */
    @FunctionalInterface
    public interface Pending {
        /** Blocks until the writes made before the request are durable. */
        void await();
    }

    /**
     * {@link #awaitDurable} in two steps: the request covers the writes this thread finished before it, and the
     * wait comes later, so work done in between (preparing the next delivery) overlaps the commit.
     */
    public Pending requestDurable() {
        long ticket;
        try {
            ticket = barrier.request();
        } catch (IllegalStateException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
        return () -> {
            try {
                barrier.await(ticket);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageUnavailableException("interrupted while waiting for the database to commit", e);
            } catch (IllegalStateException e) {
                throw new StorageUnavailableException(e.getMessage(), e);
            }
        };
    }

    /** Round trip to the database; throws when it cannot be reached in the configured time. */
    public void ping() {
        database.runCommand(new Document("ping", 1));
    }

    public boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        client.close();
        if (embedded != null) embedded.close();
    }
}
