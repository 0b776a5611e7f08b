package org.chaperone.gateway;

import org.bson.Document;
import org.chaperone.delivery.Composer;
import org.chaperone.delivery.Outbox;
import org.chaperone.pipeline.ConcernFinder;
import org.chaperone.pipeline.ContactFinder;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Pipeline;
import org.chaperone.pipeline.Stage;
import org.chaperone.pipeline.TextRoutes;
import org.chaperone.pipeline.Threading;
import org.chaperone.pipeline.stages.AuthoriseSender;
import org.chaperone.pipeline.stages.CheckDirectContact;
import org.chaperone.pipeline.stages.CheckPairingActive;
import org.chaperone.pipeline.stages.Decide;
import org.chaperone.pipeline.stages.ParseContent;
import org.chaperone.pipeline.stages.ResolvePairing;
import org.chaperone.pipeline.stages.ResolveThread;
import org.chaperone.pipeline.stages.ScreenConcerns;
import org.chaperone.pipeline.stages.ScreenContactDetails;
import org.chaperone.pipeline.stages.StoreMessage;
import org.chaperone.registry.Registry;
import org.chaperone.relay.RelayAddresses;
import org.chaperone.review.IncidentRecord;
import org.chaperone.store.BatchWriter;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The whole path of a message, in order, in one place. Every channel (SMTP, web, text) enters here.
 *
 * <pre>
 *  resolve pairing (relay address · relay number + sender's number · named pairing)
 *   → pairing active? → authorise sender → parse → thread → direct contact?
 *   → screen: contact details · concerns · attachments → decide (verdict, copies, notices) → quiet hours
 *   → store (message, outbox, incidents: durable) → index
 * </pre>
 */
public final class PipelineAssembly {
    private PipelineAssembly() {}

    public record Parts(Registry registry, RelayAddresses relay, Threading threading, BatchWriter writer, Outbox outbox,
                        Composer composer, Function<String, String> htmlAllText, ContactFinder contacts,
                        Function<List<String>, String> describeContactKinds, ConcernFinder concerns,
                        ConcernFinder.Rules concernRules, Consumer<IncidentRecord> incidents,
                        List<Stage> beforeDecision, List<Stage> afterDecision, List<Function<Envelope, List<Document>>> extraOutbox,
                        List<Consumer<Envelope>> afterStore, TextRoutes texts) {}

    public static Pipeline assemble(Parts p) {
        ResolvePairing resolve = new ResolvePairing(p.registry(), p.relay(), p.texts());
        CheckPairingActive active = new CheckPairingActive();
        AuthoriseSender authorise = new AuthoriseSender(p.incidents());
        List<Stage> admission = List.of(resolve, active, authorise);
        List<Stage> stages = new java.util.ArrayList<>(List.of(
                resolve,
                active,
                new ParseContent(p.htmlAllText()),
                authorise,
                new ResolveThread(p.threading()),
                new CheckDirectContact(),
                new ScreenContactDetails(p.contacts(), p.describeContactKinds()),
                new ScreenConcerns(p.concerns(), p.concernRules())));
        stages.addAll(p.beforeDecision());   // attachments, quiet hours: features that add reasons
        stages.add(new Decide(p.registry()));
        stages.addAll(p.afterDecision());    // quiet hours: when to deliver what was decided
        stages.add(new StoreMessage(p.writer(), p.outbox(), p.composer(), p.extraOutbox()));
        return new Pipeline(admission, stages, p.afterStore());
    }
}
