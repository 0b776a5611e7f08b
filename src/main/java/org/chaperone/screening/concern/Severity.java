package org.chaperone.screening.concern;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How serious a concern is; the order is from most to least serious. */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> fromWireName(String wire) {
        if (wire == null) return Optional.empty();
        String w = wire.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.wireName().equals(w)).findFirst();
    }

    /** True when this is more serious than {@code other}. */
    public boolean outranks(Severity other) {
        return compareTo(other) < 0;
    }
}
