package org.chaperone.gateway;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.chaperone.api.ApiRouter;
import org.chaperone.api.AuthRoutes;
import org.chaperone.api.Health;
import org.chaperone.api.OrganisationRoutes;
import org.chaperone.api.PairingRoutes;
import org.chaperone.api.ProgrammeRoutes;
import org.chaperone.api.RouteGroup;
import org.chaperone.api.SchoolRoutes;
import org.chaperone.api.UserRoutes;
import org.chaperone.auth.Invitations;
import org.chaperone.auth.PasswordHasher;
import org.chaperone.auth.SignInGuard;
import org.chaperone.auth.SigningKeys;
import org.chaperone.auth.TokenService;
import org.chaperone.concurrent.Blocking;
import org.chaperone.config.GatewayConfig;
import org.chaperone.demo.DemoSeed;
import org.chaperone.registry.PairingListener;
import org.chaperone.registry.Registry;
import org.chaperone.store.MongoStore;
import org.chaperone.store.Schema;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Assembles and runs the gateway: storage, registry, sign-in and the HTTP API. {@link #start}
 * blocks until every listener is bound; {@link #close} stops listeners first and the store last,
 * so nothing acknowledged is lost on a clean stop.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

    private final GatewayConfig config;
    private final Vertx vertx;
    private final MongoStore store;
    private final Blocking blocking;
    private final Registry registry;
    private final PasswordHasher hasher;
    private final Invitations invitations;
    private final Clock clock;
    private final int httpPort;
    private final boolean seeded;

    private Gateway(GatewayConfig config, Vertx vertx, MongoStore store, Blocking blocking, Registry registry,
                    PasswordHasher hasher, Invitations invitations, Clock clock, int httpPort, boolean seeded) {
        this.config = config;
        this.hasher = hasher;
        this.invitations = invitations;
        this.clock = clock;
        this.vertx = vertx;
        this.store = store;
        this.blocking = blocking;
        this.registry = registry;
        this.httpPort = httpPort;
        this.seeded = seeded;
    }

    public static Gateway start(GatewayConfig config, Clock clock) {
        MongoStore store = MongoStore.open(config.mongo(), config.dataPath());
        Vertx vertx = null;
        try {
            Schema.ensure(store);
            Registry registry = new Registry(store);
            PasswordHasher hasher = new PasswordHasher(config.auth().passwordHashIterations());
            List<PairingListener> pairingListeners = new ArrayList<>();

            boolean seeded = store.embedded() && config.demo().seed()
                    && DemoSeed.seedIfEmpty(registry, hasher, clock, pairingListeners);
            store.awaitDurable();

            vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(2).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
            Blocking blocking = new Blocking(vertx);
            TokenService tokens = new TokenService(vertx, SigningKeys.load(config.auth(), config.dataPath()), config.auth());
            SignInGuard guard = new SignInGuard(store.collection(Schema.SIGN_IN_FAILURES), config.auth().maxFailedSignIns(),
                    Duration.ofMinutes(config.auth().lockoutMinutes()), clock);
            Invitations invitations = new Invitations(store.collection(Schema.INVITATIONS), clock);

            Health health = new Health();
            health.register("mongo", () -> blocking.call(() -> {
                store.ping();
                return store.embedded() ? "embedded" : "connected";
            }));

            AuthRoutes auth = new AuthRoutes(registry, tokens, hasher, guard, invitations, blocking);
            List<RouteGroup> groups = List.of(
                    auth.me(),
                    new OrganisationRoutes(registry, blocking),
                    new ProgrammeRoutes(registry, blocking, clock),
                    new SchoolRoutes(registry, blocking, clock),
                    new UserRoutes(registry, hasher, invitations, blocking, clock, config.screening().contact().defaultRegion()),
                    new PairingRoutes(registry, blocking, clock, pairingListeners, List.of()));
            Router router = ApiRouter.create(vertx, tokens, registry, blocking, health, auth, groups);
            HttpServer http = await(vertx.createHttpServer().requestHandler(router)
                    .listen(config.http().port(), config.http().host()));
            return new Gateway(config, vertx, store, blocking, registry, hasher, invitations, clock, http.actualPort(), seeded);
        } catch (RuntimeException e) {
            if (vertx != null) vertx.close();
            store.close();
            throw e;
        }
    }

    public int httpPort() {
        return httpPort;
    }

    public boolean seededDemo() {
        return seeded;
    }

    public Registry registry() {
        return registry;
    }

    public PasswordHasher hasher() {
        return hasher;
    }

    public Invitations invitations() {
        return invitations;
    }

    public Clock clock() {
        return clock;
    }

    public GatewayConfig config() {
        return config;
    }

    public MongoStore store() {
        return store;
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() {
        LOG.info("Chaperone is stopping");
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warning("Vert.x did not stop cleanly: " + e.getMessage());
        }
        blocking.close();
        store.close();
    }

    static <T> T await(Future<T> future) {
        try {
            return future.await(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out while starting", e);
        }
    }
}
