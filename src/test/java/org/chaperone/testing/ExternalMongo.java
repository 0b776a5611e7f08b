package org.chaperone.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.nio.file.Path;

/**
 * A MongoDB-compatible server outside the gateway, which a test can take away and bring back on
 * the same port (keeping its data) to play a database outage.
 */
public final class ExternalMongo implements AutoCloseable {
    private final H2Backend backend;
    private final int port;
    private MongoServer server;

    public ExternalMongo(Path file) {
        this.backend = new H2Backend(file.toString());
        this.port = GatewayProcess.freePort();
        up();
    }

    public void up() {
        server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
    }

    public void down() {
        backend.commit();
        server.shutdownNow();
        server = null;
    }

    public String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        if (server != null) server.shutdownNow();
        backend.close();
    }
}
