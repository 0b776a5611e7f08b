package org.chaperone.screening.concern;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The ten kinds of concerning content a programme reviews (DESIGN.md rule 5). */
public enum Category {
    SECRECY,
    MEETING_OFFLINE,
    OFF_PLATFORM,
    GIFTS_MONEY,
    ROMANTIC_SEXUAL,
    SELF_HARM,
    ABUSE_DISCLOSURE,
    SUBSTANCES,
    DISCRIMINATION_BULLYING,
    RECORDING;

    /** The name used in files, JSON and the review screen, e.g. {@code self_harm}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Category> fromWireName(String wire) {
        if (wire == null) return Optional.empty();
        String w = wire.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.wireName().equals(w)).findFirst();
    }
}
