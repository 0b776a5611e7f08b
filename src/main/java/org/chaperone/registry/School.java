package org.chaperone.registry;

import java.time.Instant;
import java.util.List;

/** A school taking part in an organisation's programmes; its admin registers approved numbers. */
public record School(String id, String organisationId, String name, List<String> programmeIds, Instant createdAt) {
    public School {
        programmeIds = programmeIds == null ? List.of() : List.copyOf(programmeIds);
    }
}
