package org.chaperone.screening.contact;

import org.chaperone.pipeline.ContactFinder;
import org.chaperone.pipeline.ContactHit;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.TextPart;
import org.chaperone.registry.MenteeAge;
import org.chaperone.relay.RelayAddress;
import org.chaperone.relay.RelayAddresses;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pipeline's contact finder: screens a text part in the context of the message's pairing — the
 * mentee's age on the day (LinkedIn only between adults, when the programme allows it), and the
 * pairing's own relay addresses, which are never personal details.
 */
public final class PairingContactFinder implements ContactFinder {
    private final ContactScreener screener;
    private final RelayAddresses relay;

    public PairingContactFinder(ContactScreener screener, RelayAddresses relay) {
        this.screener = screener;
        this.relay = relay;
    }

    @Override
    public Found find(TextPart part, Envelope e) {
        ContactScreener.ContactScreen screen = screener.screen(part.text(), context(e));
        List<ContactHit> hits = new ArrayList<>(screen.findings().size());
        for (ContactFinding f : screen.findings()) {
            hits.add(new ContactHit(f.kind().wireName(), part.source(), f.start(), f.end(), f.text()));
        }
        return new Found(hits, screen.complete());
    }

    private ContactContext context(Envelope e) {
        boolean adult = !e.pairing.adultAtRisk() && !MenteeAge.isUnder18(e.pairing.menteeDateOfBirth(),
                e.receivedAt.atZone(e.programme.policy().zone()).toLocalDate());
        Set<String> allowed = new HashSet<>();
        for (RelayAddress a : relay.forPairing(e.pairing.id())) allowed.add(a.address(relay.domain()));
        return new ContactContext(adult, e.programme.policy().linkedInForAdults(), allowed);
    }
}
