package org.chaperone.pipeline.stages;

import org.chaperone.pipeline.Channel;
import org.chaperone.pipeline.Direction;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Refusal;
import org.chaperone.pipeline.Stage;
import org.chaperone.pipeline.TextRoutes;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.relay.RelayAddress;
import org.chaperone.relay.RelayAddresses;

/**
 * Finds the pairing a message belongs to and who writes to whom: from the relay address written to
 * (email), from the relay number written to and the number written from (text), or from the pairing
 * the signed-in sender named (web).
 */
public final class ResolvePairing implements Stage {
    private final Registry registry;
    private final RelayAddresses relay;
    private final TextRoutes texts;

    public ResolvePairing(Registry registry, RelayAddresses relay, TextRoutes texts) {
        this.registry = registry;
        this.relay = relay;
        this.texts = texts;
    }

    @Override
    public void apply(Envelope e) {
        if (e.channel == Channel.EMAIL) {
            RelayAddress to = relay.resolve(e.recipientAddress).orElseThrow(Refusal::unknownAddress);
            e.to = to;
            e.pairing = registry.pairings.find(to.organisationId(), to.pairingId()).orElseThrow(Refusal::unknownAddress);
            e.recipient = participant(e.pairing, to.participantId());
            e.sender = participant(e.pairing, otherOf(e.pairing, to.participantId()));
        } else {
            if (e.channel == Channel.SMS && e.pairing == null) {
                TextRoutes.Route route = texts.resolve(e.recipientAddress, e.senderNumber, e.receivedAt);
                e.pairing = route.pairing();
                e.declaredPairingId = route.pairing().id();
                e.declaredSenderId = route.senderId();
                e.recipientNumber = route.recipientNumber();
            }
            Pairing p = e.pairing != null ? e.pairing : registry.pairings.findAcrossOrganisations(
                    com.mongodb.client.model.Filters.eq("_id", e.declaredPairingId)).stream().findFirst()
                    .orElseThrow(Refusal::unknownAddress);
            if (!p.involves(e.declaredSenderId)) throw Refusal.unregisteredSender();
            e.pairing = p;
            e.sender = participant(p, e.declaredSenderId);
            e.recipient = participant(p, otherOf(p, e.declaredSenderId));
            e.to = relay.forParticipant(p.id(), e.recipient.id()).orElse(null);
        }
        e.programme = registry.programmes.find(e.pairing.organisationId(), e.pairing.programmeId())
                .orElseThrow(() -> new IllegalStateException("pairing " + e.pairing.id() + " names a missing programme"));
        e.direction = e.sender.role() == Role.MENTOR ? Direction.MENTOR_TO_MENTEE : Direction.MENTEE_TO_MENTOR;
    }

    private static String otherOf(Pairing p, String participantId) {
        return p.mentorId().equals(participantId) ? p.menteeId() : p.mentorId();
    }

    private User participant(Pairing p, String id) {
        return registry.users.find(p.organisationId(), id)
                .orElseThrow(() -> new IllegalStateException("pairing " + p.id() + " names a missing participant"));
    }
}
