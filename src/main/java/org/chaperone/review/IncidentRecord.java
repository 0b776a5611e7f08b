package org.chaperone.review;

import java.time.Instant;

/**
 * One entry of the written record: who, when, what, why, which message and pairing. Entries are
 * never changed or deleted; a correction is a new entry whose {@code refersTo} names the old one.
 * {@code actorId} is null when the gateway itself acted (a refused contact attempt, an alert).
 */
public record IncidentRecord(String id, String organisationId, String programmeId, String pairingId, String messageId,
                             String type, String summary, String actorId, String actorRole, Instant at,
                             String refersTo) {}
