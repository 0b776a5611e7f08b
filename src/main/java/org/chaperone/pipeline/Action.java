package org.chaperone.pipeline;

import java.util.Locale;

/** What happens to a message. Ordered from least to most strict; the strictest reason wins. */
public enum Action {
    DELIVER, DELIVER_FLAGGED, HOLD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Action fromWire(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }

    public Action strictest(Action other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
