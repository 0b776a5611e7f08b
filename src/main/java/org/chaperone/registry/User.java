package org.chaperone.registry;

import java.time.Instant;
import java.util.List;

/**
 * A person with a role in one organisation. {@code email} is the real address, stored lower-case;
 * {@code programmeIds} are the programmes a manager or DSL looks after; {@code schoolId} ties a
 * school admin or mentor to a school. {@code passwordHash} never leaves the server.
 */
public record User(String id, String organisationId, String email, String name, Role role, List<String> phones,
                   List<String> programmeIds, String schoolId, String passwordHash, boolean active,
                   Instant createdAt) {
    public User {
        phones = phones == null ? List.of() : List.copyOf(phones);
        programmeIds = programmeIds == null ? List.of() : List.copyOf(programmeIds);
    }

    public User withPasswordHash(String hash) {
        return new User(id, organisationId, email, name, role, phones, programmeIds, schoolId, hash, active, createdAt);
    }
}
