package org.chaperone.pipeline.stages;

import org.chaperone.pipeline.Action;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Reason;
import org.chaperone.pipeline.Refusal;
import org.chaperone.pipeline.Stage;
import org.chaperone.registry.MenteeAge;
import org.chaperone.registry.ProgrammePolicy;

/**
 * Mail after a pairing has ended follows the programme's rule: refused, or, for an under-18 mentee
 * when the programme says so, accepted and held for the programme manager (it is never delivered
 * to the other participant).
 */
public final class CheckPairingActive implements Stage {
    @Override
    public void apply(Envelope e) {
        if (e.pairing.isActive()) return;
        boolean child = MenteeAge.isUnder18(e.pairing.menteeDateOfBirth(), e.receivedAt.atZone(e.programme.policy().zone()).toLocalDate())
                || e.pairing.adultAtRisk();
        if (e.programme.policy().endedPairingRule() == ProgrammePolicy.EndedPairingRule.ROUTE_TO_MANAGER && child) {
            if (!e.reasons.stream().anyMatch(r -> r.code().equals("pairing_ended"))) {
                e.reasons.add(new Reason("pairing_ended",
                        "the mentoring pairing has ended, so it goes to the programme manager instead", Action.HOLD));
                e.incidents.add(new Envelope.IncidentNote("contact_after_end",
                        e.sender.name() + " wrote to " + e.recipient.name() + " after their pairing ended; routed to the programme manager."));
            }
            return;
        }
        throw Refusal.pairingEnded();
    }
}
