package org.chaperone.review;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a review item is: waiting ({@code open}, or {@code escalated} to the DSL), or decided
 * ({@code released}, {@code rejected}, {@code reviewed}). A decided item takes no further decision.
 */
public enum ReviewState {
    OPEN, ESCALATED, RELEASED, REJECTED, REVIEWED;

    public static final List<ReviewState> WAITING = List.of(OPEN, ESCALATED);

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean waiting() {
        return WAITING.contains(this);
    }

    public static ReviewState fromWire(String v) {
        for (ReviewState s : values()) if (s.wireName().equals(v)) return s;
        throw new IllegalArgumentException("must be one of " + String.join(", ",
                Arrays.stream(values()).map(ReviewState::wireName).toList()));
    }

    public static List<String> wireNames(List<ReviewState> states) {
        return states.stream().map(ReviewState::wireName).toList();
    }
}
