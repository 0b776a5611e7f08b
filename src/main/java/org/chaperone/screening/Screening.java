package org.chaperone.screening;

import org.chaperone.screening.contact.ContactAction;
import org.chaperone.screening.contact.ContactContext;
import org.chaperone.screening.contact.ContactScreener;
import org.chaperone.screening.contact.ContactSettings;
import org.chaperone.screening.contact.Redaction;

/**
 * Screening of one text outside a pairing, as {@code scripts/screen} does it: contact details and
 * concerns with the same screeners, configuration and policy defaults the gateway's pipeline uses
 * (the pipeline adds what only a pairing knows: the direction, the programme's own rules).
 * Thread-safe; build one per configuration.
 */
public final class Screening {
    private final ContactScreener contacts;
    private final org.chaperone.screening.concern.ConcernScreener concerns;
    private final org.chaperone.screening.concern.ConcernPolicy policy = org.chaperone.screening.concern.ConcernPolicy.defaults();

    public Screening(ContactSettings settings) {
        this(settings, null);
    }

    /** @param concerns the concern screener, or null to screen contact details only */
    public Screening(ContactSettings settings, org.chaperone.screening.concern.ConcernScreener concerns) {
        this.contacts = new ContactScreener(settings);
        this.concerns = concerns;
    }

    public ContactScreener contactScreener() {
        return contacts;
    }

    /** Screens with the gateway-wide action for contact details (hold, or redact and deliver). */
    public ScreeningResult screen(String text, ContactContext ctx) {
        return screen(text, ctx, contacts.settings().onContact());
    }

    /** Screens with a programme's own choice of action for contact details. */
    public ScreeningResult screen(String text, ContactContext ctx, ContactAction onContact) {
        return screen(text, ctx, onContact, org.chaperone.pipeline.Direction.MENTOR_TO_MENTEE);
    }

    /** With the direction the text was written in, which the concern policy depends on. */
    public ScreeningResult screen(String text, ContactContext ctx, ContactAction onContact,
                                  org.chaperone.pipeline.Direction direction) {
        String body = text == null ? "" : text;
        ContactScreener.ContactScreen found = contacts.screen(body, ctx);
        ScreeningVerdict verdict = decide(found, onContact);
        String deliverable = verdict == ScreeningVerdict.DELIVER_FLAGGED ? Redaction.redact(body, found.findings()) : body;
        java.util.List<org.chaperone.screening.concern.ConcernMatch> matched =
                concerns == null ? java.util.List.of() : concerns.match(body);
        verdict = verdict.and(switch (policy.outcome(matched, direction).action()) {
            case DELIVER -> ScreeningVerdict.DELIVER;
            case DELIVER_FLAGGED -> ScreeningVerdict.DELIVER_FLAGGED;
            case HOLD -> ScreeningVerdict.HOLD;
        });
        return new ScreeningResult(found.findings(), matched, verdict, deliverable, found.complete());
    }

    /**
     * A contact detail holds the message, or (when the programme redacts) delivers it redacted and
     * flagged. A screen that could not finish holds: better a manager looks than a detail slips out.
     */
    static ScreeningVerdict decide(ContactScreener.ContactScreen found, ContactAction onContact) {
        if (!found.complete()) return ScreeningVerdict.HOLD;
        if (found.findings().isEmpty()) return ScreeningVerdict.DELIVER;
        return onContact == ContactAction.REDACT_AND_DELIVER ? ScreeningVerdict.DELIVER_FLAGGED : ScreeningVerdict.HOLD;
    }
}
