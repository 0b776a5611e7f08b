package org.chaperone.pipeline.stages;

import org.chaperone.pipeline.Channel;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Refusal;
import org.chaperone.pipeline.Stage;
import org.chaperone.review.Incidents;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Mail to a relay address is accepted only from the other participant's registered address, in
 * both the envelope sender and the From header. Anything else is refused and written down as
 * "contact attempted from an unregistered address" (a null sender is refused without a record:
 * it is a bounce or an auto-reply, not a person).
 */
public final class AuthoriseSender implements Stage {
    private final Consumer<org.chaperone.review.IncidentRecord> incidents;

    public AuthoriseSender(Consumer<org.chaperone.review.IncidentRecord> incidents) {
        this.incidents = incidents;
    }

    @Override
    public void apply(Envelope e) {
        if (e.channel != Channel.EMAIL) return;
        String registered = e.sender.email().toLowerCase(Locale.ROOT);
        String envelopeSender = e.envelopeSender == null ? "" : e.envelopeSender.toLowerCase(Locale.ROOT);
        if (envelopeSender.isEmpty()) throw Refusal.unregisteredSender();
        boolean fromOk = e.content == null || (e.content.headers().from().size() == 1
                && e.content.headers().from().getFirst().equals(registered));
        if (!envelopeSender.equals(registered) || !fromOk) {
            String claimed = !envelopeSender.equals(registered) ? envelopeSender
                    : String.join(", ", e.content.headers().from());
            incidents.accept(Incidents.newRecord(e.pairing.organisationId(), e.pairing.programmeId(), e.pairing.id(), null,
                    "unregistered_sender",
                    "Contact attempted from an unregistered address (" + claimed + ") to the relay address of "
                            + e.recipient.name() + "; refused.", null, null, e.receivedAt));
            throw Refusal.unregisteredSender();
        }
    }
}
