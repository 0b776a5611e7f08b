package org.chaperone.ingress.smtp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import org.chaperone.config.GatewayConfig;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SMTP listener: accepts connections up to the configured caps and runs one {@link SmtpConnection}
 * per client on a Vert.x event loop, asking the {@link SmtpHandler} for every decision. STARTTLS is
 * offered when {@code smtp.tlsCertFile} and {@code smtp.tlsKeyFile} are set.
 */
public final class SmtpServer {
    private static final Logger LOG = Logger.getLogger(SmtpServer.class.getName());
    /** How long {@link #stop} lets a connection finish the reply it owes before closing it anyway. */
    private static final long STOP_GRACE_SECONDS = 10;
    private static final long PRUNE_EVERY_MILLIS = 60_000;

    private final Vertx vertx;
    private final GatewayConfig.Smtp config;
    private final SmtpHandler handler;
    private final ProbeGuard probeGuard;
    private final ConnectionGate gate;
    private volatile boolean stopping;
    private NetServer server;
    private long pruneTimer = -1;

    /** With the default probe guard (20 refused recipients in 10 minutes), which only logs. */
    public SmtpServer(Vertx vertx, GatewayConfig.Smtp config, SmtpHandler handler) {
        this(vertx, config, handler, ProbeGuard.withDefaults(probe -> { }));
    }

    public SmtpServer(Vertx vertx, GatewayConfig.Smtp config, SmtpHandler handler, ProbeGuard probeGuard) {
        this.vertx = vertx;
        this.config = config;
        this.handler = handler;
        this.probeGuard = probeGuard;
        this.gate = new ConnectionGate(config.maxConnections(), config.maxConnectionsPerClient());
    }

    /** Binds {@code smtp.host}:{@code smtp.port} (0 picks a free port) and returns the bound port. */
    public Future<Integer> start() {
        if (server != null) return Future.failedFuture(new IllegalStateException("SMTP server already started"));
        NetServerOptions options = new NetServerOptions().setHost(config.host()).setPort(config.port());
        Future<Void> tlsReady = Future.succeededFuture();
        if (tlsOffered()) {
            // Plain TCP with a certificate at hand: the session turns TLS only on STARTTLS (RFC 3207).
            PemKeyCertOptions certificate = new PemKeyCertOptions().setCertPath(config.tlsCertFile()).setKeyPath(config.tlsKeyFile());
            options.setKeyCertOptions(certificate);
            tlsReady = vertx.executeBlocking(() -> prepareTls(certificate));
        }
        server = vertx.createNetServer(options).connectHandler(this::accept);
        pruneTimer = vertx.setPeriodic(PRUNE_EVERY_MILLIS, id -> probeGuard.prune());
        return tlsReady
                .compose(ready -> server.listen())
                .onFailure(e -> vertx.cancelTimer(pruneTimer))
                .map(bound -> {
                    LOG.info(() -> "SMTP listening on " + config.host() + ":" + bound.actualPort()
                            + (tlsOffered() ? " with STARTTLS" : " without STARTTLS"));
                    return bound.actualPort();
                });
    }

    /** The bound port, once started. */
    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    /** Connections open now. */
    public int openConnections() {
        return gate.open();
    }

    /**
     * Stops accepting, tells every client 421 4.3.2 (after the reply it is owed, if the handler is still
     * deciding) and completes when all connections are closed, or after a grace period closes the rest.
     */
    public Future<Void> stop() {
        stopping = true;
        if (server == null) return Future.succeededFuture();
        vertx.cancelTimer(pruneTimer);
        return server.shutdown(STOP_GRACE_SECONDS, TimeUnit.SECONDS)
                .onComplete(done -> LOG.info("SMTP stopped"));
    }

    private void accept(NetSocket socket) {
        if (stopping) {
            turnAway(socket, SmtpReply.of(421, "4.3.2", config.hostname() + " Service shutting down; please try again later"));
            return;
        }
        String client = ClientAddress.key(socket.remoteAddress().hostAddress());
        switch (gate.admit(client)) {
            case SERVER_FULL -> turnAway(socket, SmtpReply.of(421, "4.7.0", config.hostname() + " Too many connections; try again later"));
            case CLIENT_FULL -> turnAway(socket, SmtpReply.of(421, "4.7.0",
                    config.hostname() + " Too many connections from your address; try again later"));
            case ADMITTED -> open(socket, client);
        }
    }

    private void open(NetSocket socket, String client) {
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) gate.release(client);
        };
        try {
            new SmtpConnection(socket, vertx.getOrCreateContext(), config, tlsOffered(), handler, probeGuard, client)
                    .start(release);
        } catch (RuntimeException e) {
            // The slot must not leak when a session cannot even start.
            release.run();
            socket.close();
            LOG.log(Level.WARNING, "smtp could not start a session for " + client, e);
        }
    }

    private void turnAway(NetSocket socket, SmtpReply reply) {
        LOG.info(() -> "smtp turned away " + socket.remoteAddress().hostAddress() + ": " + reply.wire());
        socket.write(Buffer.buffer(reply.wire() + "\r\n", StandardCharsets.US_ASCII.name())).onComplete(written -> socket.close());
    }

    /**
     * Loads the key and certificate on a worker thread. A file that cannot be used fails {@link #start} with
     * its name, rather than every STARTTLS later; and the key-store crypto Vert.x runs when it builds its TLS
     * context lazily, on the event loop, at the first STARTTLS, is warm by then instead of taking seconds.
     */
    private Void prepareTls(PemKeyCertOptions certificate) {
        try {
            KeyManagerFactory keys = certificate.getKeyManagerFactory(vertx);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            context.createSSLEngine().setUseClientMode(false);
            Class.forName("io.netty.handler.ssl.JdkSslServerContext", true, SmtpServer.class.getClassLoader());
            return null;
        } catch (Exception e) {
            throw new IllegalStateException("smtp.tlsCertFile " + config.tlsCertFile() + " and smtp.tlsKeyFile "
                    + config.tlsKeyFile() + " cannot be used for STARTTLS: " + e.getMessage(), e);
        }
    }

    private boolean tlsOffered() {
        return config.tlsCertFile() != null && !config.tlsCertFile().isBlank()
                && config.tlsKeyFile() != null && !config.tlsKeyFile().isBlank();
    }
}
