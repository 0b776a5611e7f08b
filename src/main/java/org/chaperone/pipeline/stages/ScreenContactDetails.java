package org.chaperone.pipeline.stages;

import org.chaperone.pipeline.Action;
import org.chaperone.pipeline.ContactFinder;
import org.chaperone.pipeline.ContactHit;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Reason;
import org.chaperone.pipeline.Stage;
import org.chaperone.pipeline.TextPart;
import org.chaperone.registry.ProgrammePolicy;

import java.util.List;
import java.util.function.Function;

/**
 * Personal contact details in any text part hold the message, or with the programme's
 * redact-and-deliver setting are removed and the message delivered and flagged.
 */
public final class ScreenContactDetails implements Stage {
    private final ContactFinder finder;
    private final Function<List<String>, String> describeKinds;

    /** @param describeKinds names the kinds found ("a phone number and an email address") without the details */
    public ScreenContactDetails(ContactFinder finder, Function<List<String>, String> describeKinds) {
        this.finder = finder;
        this.describeKinds = describeKinds;
    }

    @Override
    public void apply(Envelope e) {
        boolean complete = true;
        for (TextPart part : e.parts) {
            ContactFinder.Found found = finder.find(part, e);
            e.contacts.addAll(found.hits());
            complete &= found.complete();
        }
        if (!complete) {
            e.reasons.add(new Reason("unscreened", "part of it could not be checked for personal contact details",
                    Action.HOLD));
        }
        if (e.contacts.isEmpty()) return;
        String kinds = describeKinds.apply(e.contacts.stream().map(ContactHit::kind).distinct().toList());
        if (e.programme.policy().contactDetailAction() == ProgrammePolicy.ContactDetailAction.REDACT) {
            e.redact = true;
            e.reasons.add(new Reason("contact_details", "it contained " + kinds + ", which was removed before delivery",
                    Action.DELIVER_FLAGGED));
        } else {
            e.reasons.add(new Reason("contact_details", "it contained " + kinds
                    + "; the programme's code of conduct does not allow sharing personal contact details", Action.HOLD));
        }
    }
}
