package org.chaperone.ingress.smtp;

import io.vertx.core.Vertx;
import org.chaperone.config.GatewayConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A started {@link SmtpServer} on a free local port with a {@link RecordingHandler}; close to stop both. */
final class SmtpFixture implements AutoCloseable {
    static final String RELAY = "[a-z0-9]+@relay\\.test";

    final Vertx vertx = Vertx.vertx();
    final RecordingHandler handler;
    final SmtpServer server;
    final int port;

    private SmtpFixture(Settings settings) {
        handler = new RecordingHandler(RELAY);
        server = new SmtpServer(vertx, settings.config(), handler, settings.probeGuard);
        port = await(server.start().toCompletionStage().toCompletableFuture());
    }

    static Settings settings() {
        return new Settings();
    }

    static SmtpFixture start() {
        return settings().start();
    }

    RawSmtpClient connect() {
        return RawSmtpClient.connect(port);
    }

    @Override
    public void close() {
        await(server.stop().toCompletionStage().toCompletableFuture());
        await(vertx.close().toCompletionStage().toCompletableFuture());
        handler.close();
    }

    static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("did not complete: " + e, e);
        }
    }

    /** The engine's settings, small enough for tests to reach every limit. */
    static final class Settings {
        long maxMessageBytes = 10_000;
        int maxRecipients = 3;
        int maxLineLength = 1000;
        int idleTimeoutSeconds = 30;
        int dataTimeoutSeconds = 30;
        String certFile = "";
        String keyFile = "";
        int maxConnections = 500;
        int maxConnectionsPerClient = 50;
        ProbeGuard probeGuard = new ProbeGuard(100, Duration.ofMinutes(10), Clock.systemUTC(), probe -> { });

        Settings maxMessageBytes(long v) { maxMessageBytes = v; return this; }
        Settings maxRecipients(int v) { maxRecipients = v; return this; }
        Settings idleTimeoutSeconds(int v) { idleTimeoutSeconds = v; return this; }
        Settings dataTimeoutSeconds(int v) { dataTimeoutSeconds = v; return this; }
        Settings tls(String cert, String key) { certFile = cert; keyFile = key; return this; }
        Settings maxConnections(int total, int perClient) { maxConnections = total; maxConnectionsPerClient = perClient; return this; }
        Settings probeGuard(ProbeGuard guard) { probeGuard = guard; return this; }

        GatewayConfig.Smtp config() {
            return new GatewayConfig.Smtp("127.0.0.1", 0, "mx.chaperone.test", maxMessageBytes, maxRecipients, maxLineLength,
                    idleTimeoutSeconds, dataTimeoutSeconds, certFile, keyFile, maxConnections, maxConnectionsPerClient);
        }

        SmtpFixture start() {
            return new SmtpFixture(this);
        }
    }
}
