package org.chaperone.screening;

import org.chaperone.screening.contact.ContactKind;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Screening of every piece of one message. The verdict is the strictest of the pieces'; each
 * piece keeps its own findings (kinds and exact positions in that piece) for the stored decision.
 */
public record MessageScreening(List<Part> parts, Verdict verdict) {
    public MessageScreening {
        parts = List.copyOf(parts);
    }

    public record Part(TextPart part, ScreeningResult result) {}

    public Set<ContactKind> contactKinds() {
        Set<ContactKind> kinds = EnumSet.noneOf(ContactKind.class);
        parts.forEach(p -> kinds.addAll(p.result().contactKinds()));
        return kinds;
    }

    public boolean complete() {
        return parts.stream().allMatch(p -> p.result().complete());
    }
}
