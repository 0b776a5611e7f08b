package org.chaperone.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;

/** What a user does in the programme (DESIGN.md "Who uses it"). */
public enum Role {
    ORG_ADMIN, PROGRAMME_MANAGER, DSL, SCHOOL_ADMIN, MENTOR, MENTEE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWire(String value) {
        for (Role r : values()) if (r.wireName().equals(value)) return r;
        throw new IllegalArgumentException("must be one of " + Arrays.toString(
                Arrays.stream(values()).map(Role::wireName).toArray()));
    }

    /** Staff who may be given a programme's messages to read. */
    public boolean isStaff() {
        return this == PROGRAMME_MANAGER || this == DSL || this == ORG_ADMIN;
    }

    public boolean isParticipant() {
        return this == MENTOR || this == MENTEE;
    }
}
