package org.chaperone.ingress.sms;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.chaperone.api.ApprovedNumberRoutes;
import org.chaperone.api.RouteGroup;
import org.chaperone.concurrent.Blocking;
import org.chaperone.config.GatewayConfig;
import org.chaperone.delivery.SmsFileSender;
import org.chaperone.delivery.SmsSender;
import org.chaperone.delivery.TwilioSmsSender;
import org.chaperone.numbers.ApprovedNumbers;
import org.chaperone.numbers.RelayNumbers;
import org.chaperone.numbers.TextRouting;
import org.chaperone.pipeline.Pipeline;
import org.chaperone.pipeline.TextRoutes;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.PairingListener;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.review.AuditLog;
import org.chaperone.review.IncidentRecord;
import org.chaperone.store.MongoStore;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * The text-message channel in one piece, for the gateway to wire in: the approved-number register and its
 * API, relay numbers per pairing, routing of texts into the pipeline, the provider webhooks and the
 * outgoing provider.
 */
public final class SmsModule {
    private final GatewayConfig config;
    private final MongoStore store;
    private final Registry registry;
    private final Clock clock;
    private final ApprovedNumbers approved;
    private final RelayNumbers relayNumbers;
    private final TextRouting routing;

    public SmsModule(GatewayConfig config, MongoStore store, Registry registry, Consumer<IncidentRecord> incidents, Clock clock) {
        this.config = config;
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.approved = new ApprovedNumbers(store);
        this.relayNumbers = new RelayNumbers(store, registry, config.sms().relayNumbers(), clock);
        this.routing = new TextRouting(approved, relayNumbers, registry, incidents);
    }

    /** Resolves texts to pairings inside the pipeline's first stage. */
    public TextRoutes textRoutes() {
        return routing;
    }

    /** Allocates a relay number to each new pairing. */
    public PairingListener pairingListener() {
        return relayNumbers;
    }

    public RouteGroup routes(Blocking blocking, AuditLog audit) {
        return new ApprovedNumberRoutes(registry, approved, audit, blocking, clock,
                config.screening().contact().defaultRegion(), config.sms().relayNumbers());
    }

    public void mountWebhooks(Router root, Pipeline pipeline, Blocking blocking) {
        new SmsWebhooks(config.sms(), config.screening().contact().defaultRegion(), pipeline, new InboundTexts(store),
                blocking, clock).mount(root);
    }

    /** Twilio's Messages API when an account is configured, else the embedded file {@code dataDir/sms-outbox.jsonl}. */
    public SmsSender sender() {
        GatewayConfig.Twilio twilio = config.sms().twilio();
        if (twilio.sends()) return new TwilioSmsSender(twilio.apiBase(), twilio.accountSid(), twilio.authToken());
        if (!config.mongo().embedded()) {
            java.util.logging.Logger.getLogger(SmsModule.class.getName()).warning("no SMS provider is configured "
                    + "(sms.twilio.accountSid and authToken): texts are only written to " + config.dataPath().resolve("sms-outbox.jsonl"));
        }
        return new SmsFileSender(config.dataPath().resolve("sms-outbox.jsonl"), clock);
    }

    /** The pairing's relay number in its JSON, with what a participant does with it. */
    public void pairingDetails(JsonObject json, Pairing pairing, User viewer) {
        String number = relayNumbers.forPairing(pairing.id()).orElse(null);
        json.put("relayNumber", number);
        if (number == null) return;
        if (viewer.role() == Role.MENTOR) {
            json.put("relayNumberUse", "text this number from a number your school has approved for you");
        } else if (viewer.role() == Role.MENTEE) {
            json.put("relayNumberUse", "text this number from the phone number the programme has registered for you");
        }
    }
}
