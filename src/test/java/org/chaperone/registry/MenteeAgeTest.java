package org.chaperone.registry;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MenteeAgeTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void theDayBeforeTheEighteenthBirthdayIsUnder18AndTheDayItselfIsNot() {
        LocalDate dob = LocalDate.of(2008, 6, 15);
        assertTrue(MenteeAge.isUnder18(dob, LocalDate.of(2026, 6, 14)));
        assertFalse(MenteeAge.isUnder18(dob, LocalDate.of(2026, 6, 15)));
        assertFalse(MenteeAge.isUnder18(dob, LocalDate.of(2026, 6, 16)));
    }

    @Test
    void aLeapDayBirthdayTurnsOnTheFirstOfMarchInCommonYears() {
        LocalDate dob = LocalDate.of(2008, 2, 29);
        assertTrue(MenteeAge.isUnder18(dob, LocalDate.of(2026, 2, 28)));
        assertFalse(MenteeAge.isUnder18(dob, LocalDate.of(2026, 3, 1)));
        assertEquals(15, MenteeAge.ageOn(dob, LocalDate.of(2024, 2, 28)));
        assertEquals(16, MenteeAge.ageOn(dob, LocalDate.of(2024, 2, 29)), "in a leap year the birthday is 29 February");
        assertEquals(16, MenteeAge.ageOn(dob, LocalDate.of(2025, 2, 28)));
        assertEquals(17, MenteeAge.ageOn(dob, LocalDate.of(2025, 3, 1)));
    }

    @Test
    void theBirthdayIsJudgedInTheProgrammesTimeZone() {
        Pairing p = pairing(LocalDate.of(2008, 7, 1), false);
        // 23:30 UTC on 30 June is already 1 July in London (BST): the 18th birthday has begun there.
        Instant lateUtc = Instant.parse("2026-06-30T23:30:00Z");
        assertFalse(p.needsManagerCopy(lateUtc, LONDON));
        assertTrue(p.needsManagerCopy(lateUtc, ZoneId.of("UTC")));
    }

    @Test
    void anAdultAtRiskIsAlwaysCopied() {
        Pairing p = pairing(LocalDate.of(1990, 1, 1), true);
        assertTrue(p.needsManagerCopy(Instant.parse("2026-01-01T12:00:00Z"), LONDON));
        assertFalse(pairing(LocalDate.of(1990, 1, 1), false).needsManagerCopy(Instant.parse("2026-01-01T12:00:00Z"), LONDON));
    }

    @Test
    void anUnknownBirthDateCountsAsUnder18() {
        assertTrue(MenteeAge.isUnder18(null, LocalDate.of(2026, 1, 1)));
    }

    private static Pairing pairing(LocalDate dob, boolean atRisk) {
        return new Pairing("p", "o", "prog", "mentor", "mentee", dob, atRisk, List.of("m"), null, null,
                PairingState.ACTIVE, Instant.EPOCH);
    }
}
