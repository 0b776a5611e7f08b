package org.chaperone.pipeline;

import java.util.Locale;

/** How a message entered: through a relay address, the web API, or a text to a relay number. */
public enum Channel {
    EMAIL, WEB, SMS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel fromWire(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }
}
