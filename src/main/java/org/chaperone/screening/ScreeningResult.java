package org.chaperone.screening;

import org.chaperone.screening.contact.ContactFinding;
import org.chaperone.screening.contact.ContactKind;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The outcome of screening one text: the contact details found (kinds and exact positions in the
 * text given), the verdict, and the text to deliver (the original, or the redacted text when the
 * programme redacts and delivers). Stored with the message so a reviewer sees exactly why.
 *
 * @param complete false when a detector failed on this input; the verdict is then a hold
 */
public record ScreeningResult(List<ContactFinding> contacts, ScreeningVerdict verdict, String deliverableText, boolean complete) {
    public ScreeningResult {
        contacts = List.copyOf(contacts);
    }

    public Set<ContactKind> contactKinds() {
        Set<ContactKind> kinds = EnumSet.noneOf(ContactKind.class);
        contacts.forEach(c -> kinds.add(c.kind()));
        return kinds;
    }
}
