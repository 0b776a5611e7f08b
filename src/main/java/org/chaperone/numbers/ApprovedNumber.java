package org.chaperone.numbers;

import java.time.Instant;

/**
 * A phone number a school has approved one of its mentors to use for texts through the programme. The
 * number (E.164) is the document id, so a number belongs to at most one mentor at a time, anywhere.
 */
public record ApprovedNumber(String number, String organisationId, String schoolId, String mentorId,
                             String registeredBy, Instant registeredAt) {}
