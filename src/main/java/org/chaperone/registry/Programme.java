package org.chaperone.registry;

import java.time.Instant;

/** A mentoring programme of an organisation, with its policy. */
public record Programme(String id, String organisationId, String name, ProgrammePolicy policy, Instant createdAt) {
    public Programme {
        if (policy == null) policy = ProgrammePolicy.defaults();
    }
}
