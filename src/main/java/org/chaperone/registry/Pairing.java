package org.chaperone.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * One mentor with one mentee in a programme. The mentee's date of birth lives here because the
 * copy rule depends on it; {@code managerIds} are the programme managers copied into contact.
 */
public record Pairing(String id, String organisationId, String programmeId, String mentorId, String menteeId,
                      LocalDate menteeDateOfBirth, boolean adultAtRisk, List<String> managerIds,
                      LocalDate startDate, LocalDate endDate, PairingState state, Instant createdAt) {
    public Pairing {
        managerIds = managerIds == null ? List.of() : List.copyOf(managerIds);
        if (state == null) state = PairingState.ACTIVE;
    }

    /** Under 18 on the given instant's date in the programme's time zone, or flagged at risk. */
    public boolean needsManagerCopy(Instant at, ZoneId zone) {
        return adultAtRisk || MenteeAge.isUnder18(menteeDateOfBirth, at.atZone(zone).toLocalDate());
    }

    public boolean involves(String userId) {
        return mentorId.equals(userId) || menteeId.equals(userId);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isActive() {
        return state == PairingState.ACTIVE;
    }
}
