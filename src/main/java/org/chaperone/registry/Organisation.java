package org.chaperone.registry;

import java.time.Instant;

/** A charity, school trust or mentoring provider: the unit of tenancy. */
public record Organisation(String id, String name, int retentionDays, Instant createdAt) {
    public static final int DEFAULT_RETENTION_DAYS = 365 * 2;

    public Organisation {
        if (retentionDays <= 0) retentionDays = DEFAULT_RETENTION_DAYS;
    }
}
