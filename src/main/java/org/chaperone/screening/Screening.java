package org.chaperone.screening;

import org.chaperone.screening.contact.ContactAction;
import org.chaperone.screening.contact.ContactContext;
import org.chaperone.screening.contact.ContactScreener;
import org.chaperone.screening.contact.ContactSettings;
import org.chaperone.screening.contact.Redaction;

/**
 * The one place where a message's text is screened: contact details now; concern flagging joins
 * here (its matches go into {@link ScreeningResult} and its severity into {@link #decide}). Used
 * by the pipeline's screen stage and by {@code scripts/screen}, so both judge text the same way.
 * Thread-safe; build one per configuration.
 */
public final class Screening {
    private final ContactScreener contacts;

    public Screening(ContactSettings settings) {
        this.contacts = new ContactScreener(settings);
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
        String body = text == null ? "" : text;
        ContactScreener.ContactScreen found = contacts.screen(body, ctx);
        ScreeningVerdict verdict = decide(found, onContact);
        String deliverable = verdict == ScreeningVerdict.DELIVER_FLAGGED ? Redaction.redact(body, found.findings()) : body;
        return new ScreeningResult(found.findings(), verdict, deliverable, found.complete());
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
