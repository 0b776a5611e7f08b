package org.chaperone.pipeline;

import java.util.Locale;

/** Who wrote to whom; the concern policy differs by direction. */
public enum Direction {
    MENTOR_TO_MENTEE, MENTEE_TO_MENTOR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Direction fromWire(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }
}
