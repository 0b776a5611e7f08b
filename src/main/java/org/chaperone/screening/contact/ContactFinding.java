package org.chaperone.screening.contact;

import java.util.Objects;

/**
 * One personal contact detail found in a text. {@code start} and {@code end} are offsets into the
 * text exactly as it was given to the screener, and {@code text} is that slice, so a reviewer sees
 * what the person wrote (look-alike letters, spelled digits and all).
 */
public record ContactFinding(ContactKind kind, int start, int end, String text) {
    public ContactFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }
}
