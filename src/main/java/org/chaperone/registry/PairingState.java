package org.chaperone.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum PairingState {
    ACTIVE, ENDED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PairingState fromWire(String v) {
        for (PairingState s : values()) if (s.wireName().equals(v)) return s;
        throw new IllegalArgumentException("must be active or ended");
    }
}
