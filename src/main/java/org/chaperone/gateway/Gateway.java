package org.chaperone.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.chaperone.api.ApiRouter;
import org.chaperone.api.AuthRoutes;
import org.chaperone.api.Dashboard;
import org.chaperone.api.Health;
import org.chaperone.api.IncidentRoutes;
import org.chaperone.api.MessageRoutes;
import org.chaperone.api.OrganisationRoutes;
import org.chaperone.api.PairingRoutes;
import org.chaperone.api.ProgrammeRoutes;
import org.chaperone.api.ReviewRoutes;
import org.chaperone.api.RouteGroup;
import org.chaperone.api.SchoolRoutes;
import org.chaperone.api.SearchRoutes;
import org.chaperone.api.StatsRoutes;
import org.chaperone.api.UserRoutes;
import org.chaperone.auth.Invitations;
import org.chaperone.auth.PasswordHasher;
import org.chaperone.auth.SignInGuard;
import org.chaperone.auth.SigningKeys;
import org.chaperone.auth.TokenService;
import org.chaperone.concurrent.Blocking;
import org.chaperone.config.GatewayConfig;
import org.chaperone.delivery.Composer;
import org.chaperone.ingress.smtp.ProbeGuard;
import org.chaperone.ingress.smtp.RelayMailHandler;
import org.chaperone.ingress.smtp.SmtpServer;
import org.chaperone.delivery.DeliveryWorker;
import org.chaperone.delivery.MailTransport;
import org.chaperone.delivery.MaildirTransport;
import org.chaperone.delivery.Outbox;
import org.chaperone.delivery.RelayRenderer;
import org.chaperone.delivery.SmarthostTransport;
import org.chaperone.demo.DemoSeed;
import org.chaperone.index.IndexFeeder;
import org.chaperone.index.IndexModule;
import org.chaperone.ingress.sms.SmsModule;
import org.chaperone.pipeline.Action;
import org.chaperone.screening.concern.ProgrammeConcerns;
import org.chaperone.screening.concern.ReloadResult;
import java.nio.file.Path;
import org.chaperone.screening.contact.ContactNotice;
import org.chaperone.screening.contact.ContactScreener;
import org.chaperone.screening.contact.ContactSettings;
import org.chaperone.screening.contact.PairingContactFinder;
import org.chaperone.screening.text.HtmlText;
import org.chaperone.privacy.PrivacyRoutes;
import org.chaperone.privacy.RetentionJob;
import org.chaperone.privacy.SubjectAccessExport;
import org.chaperone.pipeline.ConcernFinder;
import org.chaperone.pipeline.MessageChanges;
import org.chaperone.pipeline.Messages;
import org.chaperone.pipeline.Pipeline;
import org.chaperone.pipeline.Stage;
import org.chaperone.pipeline.Threading;
import org.chaperone.pipeline.stages.DeferForQuietHours;
import org.chaperone.quiet.QuietNights;
import org.chaperone.registry.PairingListener;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.relay.RelayAddress;
import org.chaperone.relay.RelayAddresses;
import org.chaperone.review.Alerts;
import org.chaperone.review.AuditLog;
import org.chaperone.review.Decisions;
import org.chaperone.review.Incidents;
import org.chaperone.review.Reports;
import org.chaperone.review.ReviewQueue;
import org.chaperone.review.ReviewStats;
import org.chaperone.sessions.SessionsModule;
import org.chaperone.store.BatchWriter;
import org.chaperone.store.MongoStore;
import org.chaperone.store.Schema;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Assembles and runs the gateway: storage, registry, the message pipeline, delivery, and the HTTP
 * API. {@link #start} blocks until every listener is bound; {@link #close} stops listeners first,
 * then delivery, and the store last, so nothing acknowledged is lost on a clean stop.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

    private final GatewayConfig config;
    private final Clock clock;
    private final MongoStore store;
    private final Registry registry;
    private final PasswordHasher hasher;
    private final Invitations invitations;
    private final RelayAddresses relay;
    private final Outbox outbox;
    private final Incidents incidents;
    private final Composer composer;
    private final Alerts alerts;
    private final Pipeline pipeline;
    private final SessionsModule sessions;
    private final ProgrammeConcerns concerns;
    private final SmsModule sms;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    /** Every change to a stored message is announced here; the search index follows it. */
    private final MessageChanges messageChanges = new MessageChanges();
    private Vertx vertx;
    private volatile DeliveryWorker delivery;
    private volatile IndexModule index;
    private Blocking blocking;
    private int httpPort;
    private SmtpServer smtp;
    private int smtpPort;
    private Router router;
    private boolean seeded;

    private Gateway(GatewayConfig config, Clock clock, MongoStore store) {
        this.config = config;
        this.clock = clock;
        this.store = store;
        Schema.ensure(store);
        this.registry = new Registry(store);
        this.hasher = new PasswordHasher(config.auth().passwordHashIterations());
        this.invitations = new Invitations(store.collection(Schema.INVITATIONS), clock);
        this.relay = new RelayAddresses(store.collection(Schema.RELAY_ADDRESSES), config.relay().domain(), clock);
        this.outbox = new Outbox(store, Duration.ofHours(config.delivery().maxAgeHours()));
        Messages messages = new Messages(store, messageChanges);
        Threading threading = new Threading(store, messages, config.relay().domain());
        BatchWriter writer = new BatchWriter(store);
        closeables.add(writer);
        this.incidents = new Incidents(store);
        this.composer = new Composer(config.delivery().senderAddress(), config.relay().domain());
        this.alerts = new Alerts(registry, outbox, composer, this::dashboardUrl);
        this.concerns = new ProgrammeConcerns(Path.of(config.screening().concernsDir()), this::concernLibraryReloaded);
        closeables.add(concerns);
        this.sessions = new SessionsModule(config, clock, store, registry, relay, outbox, composer);
        // Issue 8: approved numbers and the text-message channel; quiet hours for every channel.
        this.sms = new SmsModule(config, store, registry, incidents::record, clock);
        List<Stage> afterDecision = List.of(new DeferForQuietHours(new QuietNights(store)), alerts.recordStage());
        this.pipeline = PipelineAssembly.assemble(new PipelineAssembly.Parts(registry, relay, threading, writer, outbox,
                composer,
                HtmlText::allText,
                new PairingContactFinder(new ContactScreener(ContactSettings.from(config)), relay),
                ContactNotice::describeWireNames,
                concerns,
                concerns,
                incidents::record,
                List.of(sessions.attachmentScreening()), afterDecision, List.of(alerts::outboxEntries),
                List.of(envelope -> wakeDelivery(), envelope -> messageChanges.changed(envelope.messageId, envelope.stored)), sms.textRoutes()));
    }

    public static Gateway start(GatewayConfig config, Clock clock) {
        MongoStore store = MongoStore.open(config.mongo(), config.dataPath());
        Gateway g = null;
        try {
            g = new Gateway(config, clock, store);
            g.run();
            return g;
        } catch (RuntimeException e) {
            if (g != null) g.close();
            else store.close();
            throw e;
        }
    }

    private void run() {
        // relay first: invitations need its addresses
        List<PairingListener> pairingListeners = List.of(relay, sms.pairingListener(), sessions.planner());
        seeded = store.embedded() && config.demo().seed()
                && DemoSeed.seedIfEmpty(registry, hasher, clock, pairingListeners);
        store.awaitDurable();

        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(2).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
        blocking = new Blocking(vertx);
        Messages messages = new Messages(store, messageChanges);
        AuditLog audit = new AuditLog(store);
        // Issue 5: the message index, rebuilt in the background when missing or corrupt, then fed from MongoDB.
        IndexModule index = IndexModule.start(config.dataPath(), store, IndexFeeder.Options.defaults());
        closeables.add(index);
        this.index = index;
        messageChanges.listen(index::changed);
        Decisions decisions = new Decisions(store, registry, incidents, outbox, composer, alerts, clock, this::wakeDelivery,
                messageChanges);
        // A decision interrupted by a stop is completed before delivery starts, so its mail is sent once.
        int resumed = decisions.resumePending();
        if (resumed > 0) LOG.info("completed " + resumed + " interrupted review decision(s)");

        DeliveryWorker delivery = new DeliveryWorker(outbox, messages, registry, relay,
                new RelayRenderer(new Threading(store, messages, config.relay().domain()), config.relay().domain(),
                        config.relay().displayNameSuffix()),
                mailTransport(), sms.sender(),
                new Composer(config.delivery().senderAddress(), config.relay().domain()), clock,
                Duration.ofSeconds(config.delivery().initialRetrySeconds()),
                Duration.ofSeconds(config.delivery().maxRetrySeconds()), NodeId.of(config.dataPath()));
        closeables.addFirst(delivery);
        this.delivery = delivery;

        TokenService tokens = new TokenService(vertx, SigningKeys.load(config.auth(), config.dataPath()), config.auth());
        SignInGuard guard = new SignInGuard(store.collection(Schema.SIGN_IN_FAILURES), config.auth().maxFailedSignIns(),
                Duration.ofMinutes(config.auth().lockoutMinutes()), clock);

        Health health = new Health();
        health.register("concerns", () -> io.vertx.core.Future.succeededFuture(concerns.status()));
        health.register("mongo", () -> blocking.call(() -> {
            store.ping();
            return store.embedded() ? "embedded" : "connected";
        }));
        health.register("index", index::readiness);

        AuthRoutes auth = new AuthRoutes(registry, tokens, hasher, guard, invitations, blocking);
        List<RouteGroup> groups = List.of(
                auth.me(),
                new OrganisationRoutes(registry, blocking),
                new ProgrammeRoutes(registry, blocking, clock),
                new SchoolRoutes(registry, blocking, clock),
                new UserRoutes(registry, hasher, invitations, blocking, clock, config.screening().contact().defaultRegion()),
                new PairingRoutes(registry, blocking, clock, pairingListeners, List.of(this::relayDetails, sms::pairingDetails)),
                sms.routes(blocking, audit),
                new MessageRoutes(registry, messages, pipeline, blocking, clock, access -> {
                    audit.record(access.pairing().organisationId(), access.reader().id(), access.reader().role().wireName(),
                            "read_messages", "pairing", access.pairing().id(),
                            access.messageIds().size() + " message(s)", clock.instant());
                }),
                sessions.routes(vertx, blocking, health, this::wakeDelivery),
                new ReviewRoutes(registry, messages, new ReviewQueue(store), decisions,
                        new Reports(store, registry, incidents, clock, messageChanges), incidents, audit, relay, blocking, clock),
                new SearchRoutes(registry, index.search(), audit, blocking, clock),
                new IncidentRoutes(registry, incidents, audit, blocking, clock),
                new StatsRoutes(registry, new ReviewStats(store), blocking, clock),
                new PrivacyRoutes(registry, new SubjectAccessExport(store, registry, clock), audit, blocking, clock));
        Router router = ApiRouter.create(vertx, tokens, registry, blocking, health, auth, groups);
        startSmtp();
        scheduleRetention();
        sms.mountWebhooks(router, pipeline, blocking);
        Dashboard.mount(router);   // last: static files answer whatever the API did not
        this.router = router;
        HttpServer http = await(vertx.createHttpServer().requestHandler(router).listen(config.http().port(), config.http().host()));
        httpPort = http.actualPort();
    }

    /** Message content past the organisation's retention period is removed at start and then daily. */
    private void scheduleRetention() {
        RetentionJob retention = new RetentionJob(store, clock, messageChanges::changed);
        Runnable run = () -> blocking.run(retention::run).onFailure(e -> LOG.warning("retention run failed: " + e.getMessage()));
        vertx.setTimer(30_000, id -> run.run());
        vertx.setPeriodic(Duration.ofHours(24).toMillis(), id -> run.run());
    }

    /** The SMTP listener: relay mail enters the pipeline; guessing relay addresses is slowed and logged. */
    private void startSmtp() {
        RelayMailHandler handler = new RelayMailHandler(pipeline, relay, blocking, clock, config.delivery().senderAddress());
        ProbeGuard guard = ProbeGuard.withDefaults(probe -> blocking.run(() -> store.collection(Schema.SECURITY_EVENTS)
                .insertOne(new org.bson.Document("_id", org.chaperone.store.Ids.newId())
                        .append("type", "relay_address_probing").append("client", probe.client())
                        .append("session", probe.sessionId()).append("refusedRecipients", probe.refusedRecipients())
                        .append("at", java.util.Date.from(probe.at())))));
        smtp = new SmtpServer(vertx, config.smtp(), handler, guard);
        smtpPort = await(smtp.start());
    }

    /** Participants see their own relay address and the one to write to; staff see both. */
    private void relayDetails(JsonObject json, org.chaperone.registry.Pairing pairing, org.chaperone.registry.User viewer) {
        JsonArray out = new JsonArray();
        for (RelayAddress a : relay.forPairing(pairing.id())) {
            JsonObject o = new JsonObject().put("participantId", a.participantId()).put("role", a.role().wireName())
                    .put("address", a.address(relay.domain()));
            if (viewer.role() == Role.MENTOR || viewer.role() == Role.MENTEE) {
                o.put("use", a.participantId().equals(viewer.id()) ? "yours: the other participant writes to you here"
                        : "write here to reach the other participant");
            }
            out.add(o);
        }
        json.put("relayAddresses", out);
    }

    private MailTransport mailTransport() {
        GatewayConfig.Smarthost smarthost = config.delivery().smarthost();
        if (smarthost.configured()) return new SmarthostTransport(smarthost, config.smtp().hostname());
        return new MaildirTransport(config.dataPath().resolve("outbox"));
    }

    /** Where people open the dashboard: the configured public URL, or this host and the bound port. */
    String dashboardUrl() {
        GatewayConfig.Http http = config.http();
        if (http.publicUrl() != null && !http.publicUrl().isBlank()) return http.dashboardUrl();
        return new GatewayConfig.Http(http.host(), httpPort, "").dashboardUrl();
    }

    /** A reload the concern library refused is logged loudly; the previous library stays in force. */
    private void concernLibraryReloaded(ReloadResult result) {
        if (result.applied()) LOG.info("concern library reloaded: " + result);
        else LOG.severe("concern library change refused, the previous library stays in force: " + result);
    }

    private void wakeDelivery() {
        DeliveryWorker d = delivery;
        if (d != null) d.wake();
    }

    public int httpPort() {
        return httpPort;
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** Every HTTP route, for the access-matrix test that checks no endpoint is left out. */
    public Router router() {
        return router;
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

    public Pipeline pipeline() {
        return pipeline;
    }

    public RelayAddresses relay() {
        return relay;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Incidents incidents() {
        return incidents;
    }

    public Alerts alerts() {
        return alerts;
    }

    /** Where changes to stored messages are announced (the search index listens). */
    public MessageChanges messageChanges() {
        return messageChanges;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The message index and its search (issue 5). */
    public IndexModule index() {
        return index;
    }

    @Override
    public void close() {
        LOG.info("Chaperone is stopping");
        if (smtp != null) {
            try {
                smtp.stop().await(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warning("the SMTP listener did not stop cleanly: " + e.getMessage());
            }
        }
        if (vertx != null) {
            try {
                vertx.close().await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warning("Vert.x did not stop cleanly: " + e.getMessage());
            }
        }
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warning("could not close " + c.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        if (blocking != null) blocking.close();
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
