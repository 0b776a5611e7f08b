package org.chaperone.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.nio.file.Path;

/**
 * A MongoDB-compatible server outside the gateway, which a test can take away and bring back on
 * the same port (keeping its data) to play a database outage.
 */
public final class ExternalMongo implements AutoCloseable {
    private final Path file;
    private final int port;
    private H2Backend backend;
    private MongoServer server;

    public ExternalMongo(Path file) {
        this.file = file;
        this.port = GatewayProcess.freePort();
        up();
    }

    /** Opens the same database file again and listens on the same port. */
    public void up() {
        backend = new H2Backend(file.toString());
        server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
    }

    /** Commits, then goes away (stopping the server also closes its file). */
    public void down() {
        backend.commit();
        server.shutdownNow();
        backend.close();
        server = null;
    }

    public String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        if (server != null) down();
    }
}
