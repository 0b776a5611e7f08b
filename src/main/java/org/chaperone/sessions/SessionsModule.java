package org.chaperone.sessions;

import io.vertx.core.Vertx;
import org.chaperone.api.Health;
import org.chaperone.api.RouteGroup;
import org.chaperone.concurrent.Blocking;
import org.chaperone.config.GatewayConfig;
import org.chaperone.delivery.Composer;
import org.chaperone.delivery.Outbox;
import org.chaperone.pipeline.Stage;
import org.chaperone.pipeline.stages.ScreenAttachments;
import org.chaperone.registry.PairingListener;
import org.chaperone.registry.Registry;
import org.chaperone.relay.RelayAddresses;
import org.chaperone.sessions.meeting.JitsiDeploymentCheck;
import org.chaperone.sessions.meeting.JitsiProvider;
import org.chaperone.sessions.meeting.MeetingProvider;
import org.chaperone.sessions.meeting.ZoomProvider;
import org.chaperone.store.Ids;
import org.chaperone.store.MongoStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Everything about mentoring sessions, for the gateway to wire in: the series planner (a pairing
 * listener), the recording-attachment stage (before the decision), and, once Vert.x runs, the meeting
 * providers, the readiness check of the Jitsi deployment and the HTTP routes.
 */
public final class SessionsModule {
    private static final Logger LOG = Logger.getLogger(SessionsModule.class.getName());
    private final GatewayConfig config;
    private final Clock clock;
    private final MongoStore store;
    private final Registry registry;
    private final RelayAddresses relay;
    private final Outbox outbox;
    private final Composer composer;
    private final Sessions sessions;
    private final SeriesPlanner planner;

    public SessionsModule(GatewayConfig config, Clock clock, MongoStore store, Registry registry, RelayAddresses relay,
                          Outbox outbox, Composer composer) {
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.registry = registry;
        this.relay = relay;
        this.outbox = outbox;
        this.composer = composer;
        this.sessions = new Sessions(store);
        this.planner = new SeriesPlanner(sessions, clock);
    }

    public PairingListener planner() {
        return planner;
    }

    public Stage attachmentScreening() {
        return new ScreenAttachments();
    }

    /** Starts the providers and returns the routes; registers the Jitsi deployment check with /ready. */
    public RouteGroup routes(Vertx vertx, Blocking blocking, Health health, Runnable wakeDelivery) {
        GatewayConfig.Sessions c = config.sessions();
        Map<String, MeetingProvider> providers = new LinkedHashMap<>();
        providers.put(JitsiProvider.NAME, new JitsiProvider(vertx, c.jitsi(), jitsiSecret(c.jitsi()), clock));
        if (c.zoom().configured()) providers.put(ZoomProvider.NAME, new ZoomProvider(c.zoom(), clock));
        Surveys surveys = new Surveys(store, registry, outbox, composer, clock);
        SessionService service = new SessionService(store, sessions, new SessionScheduler(sessions), surveys, registry, relay,
                outbox, new InvitationMail(config.delivery().senderAddress(), config.relay().domain()), providers,
                c.provider(), clock);
        planner.onEnded((pairing, programme) -> {
            service.pairingEnded(pairing, programme);
            wakeDelivery.run();
        });
        String configUrl = c.jitsi().configUrl();
        if (configUrl != null && !configUrl.isBlank()) {
            JitsiDeploymentCheck check = new JitsiDeploymentCheck(configUrl);
            health.register("jitsi", () -> blocking.call(check::verify));
        }
        return new SessionRoutes(service, surveys, registry, blocking, clock, Duration.ofDays(c.missingRecordAfterDays()),
                wakeDelivery);
    }

    /** The configured app secret, or one generated once under the data directory (a laptop has no Jitsi to share it with). */
    private String jitsiSecret(GatewayConfig.Jitsi jitsi) {
        if (jitsi.appSecret() != null && !jitsi.appSecret().isEmpty()) return jitsi.appSecret();
        Path file = config.dataPath().resolve("keys").resolve("jitsi-app-secret");
        try {
            if (Files.isRegularFile(file)) return Files.readString(file, StandardCharsets.UTF_8).strip();
            Files.createDirectories(file.getParent());
            String secret = Ids.hexToken(32);
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.fine("no POSIX permissions here for " + file);
            }
            LOG.warning("sessions.jitsi.appSecret is empty: generated " + file
                    + "; a real Jitsi deployment needs its JWT_APP_SECRET configured here");
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create " + file, e);
        }
    }
}
