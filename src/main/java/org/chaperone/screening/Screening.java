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
        Verdict verdict = decide(found, onContact);
        String deliverable = verdict == Verdict.DELIVER_FLAGGED ? Redaction.redact(body, found.findings()) : body;
        return new ScreeningResult(found.findings(), verdict, deliverable, found.complete());
    }

    /**
     * Screens every piece of a message (Subject, text and HTML parts, attachment file names); the
     * message's verdict is the strictest piece's. When redacting, each piece's deliverable text is
     * its redacted text (an HTML part is then best delivered as that text, not as its markup).
     */
    public MessageScreening screenMessage(java.util.List<TextPart> parts, ContactContext ctx, ContactAction onContact) {
        java.util.List<MessageScreening.Part> out = new java.util.ArrayList<>(parts.size());
        Verdict verdict = Verdict.DELIVER;
        for (TextPart part : parts) {
            ScreeningResult r = screen(part.text(), ctx, onContact);
            out.add(new MessageScreening.Part(part, r));
            verdict = verdict.and(r.verdict());
        }
        return new MessageScreening(out, verdict);
    }

    /**
     * A contact detail holds the message, or (when the programme redacts) delivers it redacted and
     * flagged. A screen that could not finish holds: better a manager looks than a detail slips out.
     */
    static Verdict decide(ContactScreener.ContactScreen found, ContactAction onContact) {
        if (!found.complete()) return Verdict.HOLD;
        if (found.findings().isEmpty()) return Verdict.DELIVER;
        return onContact == ContactAction.REDACT_AND_DELIVER ? Verdict.DELIVER_FLAGGED : Verdict.HOLD;
    }
}
