package org.chaperone.screening;

import org.chaperone.screening.contact.ContactFinding;
import org.chaperone.screening.contact.ContactKind;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The outcome of screening one text: the contact details found (kinds and exact positions in the
 * text given), the concerns matched, the verdict, and the text to deliver (the original, or the redacted text when the
 * programme redacts and delivers). Stored with the message so a reviewer sees exactly why.
 *
 * @param complete false when a detector failed on this input; the verdict is then a hold
 */
public record ScreeningResult(List<ContactFinding> contacts, List<org.chaperone.screening.concern.ConcernMatch> concerns,
                              ScreeningVerdict verdict, String deliverableText, boolean complete) {
    public ScreeningResult {
        contacts = List.copyOf(contacts);
        concerns = List.copyOf(concerns);
    }

    /** The strongest match of each category, most serious first (the matcher's order). */
    public List<org.chaperone.screening.concern.ConcernMatch> concernsByCategory() {
        java.util.Map<org.chaperone.screening.concern.Category, org.chaperone.screening.concern.ConcernMatch> strongest =
                new java.util.LinkedHashMap<>();
        concerns.forEach(m -> strongest.putIfAbsent(m.category(), m));
        return List.copyOf(strongest.values());
    }

    public Set<ContactKind> contactKinds() {
        Set<ContactKind> kinds = EnumSet.noneOf(ContactKind.class);
        contacts.forEach(c -> kinds.add(c.kind()));
        return kinds;
    }
}
