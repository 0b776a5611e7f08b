package org.chaperone.quiet;

import org.chaperone.registry.ProgrammePolicy.QuietHours;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuietHoursWindowTest {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final QuietHours DEFAULT = QuietHours.DEFAULT;

    static Instant london(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(LONDON).toInstant();
    }

    @Test
    void halfPastTenAtNightWaitsUntilSevenNextMorning() {
        QuietHoursWindow.Night n = QuietHoursWindow.at(london("2026-05-12T22:30"), LONDON, DEFAULT).orElseThrow();
        assertEquals(LocalDate.parse("2026-05-12"), n.began());
        assertEquals(london("2026-05-13T07:00"), n.ends());
    }

    @Test
    void theSmallHoursBelongToTheNightThatBeganTheEveningBefore() {
        QuietHoursWindow.Night n = QuietHoursWindow.at(london("2026-05-13T06:59:59"), LONDON, DEFAULT).orElseThrow();
        assertEquals(LocalDate.parse("2026-05-12"), n.began(), "one night, so one notice and one count");
        assertEquals(london("2026-05-13T07:00"), n.ends());
    }

    @Test
    void startIsInsideAndEndIsOutside() {
        assertTrue(QuietHoursWindow.at(london("2026-05-12T21:00"), LONDON, DEFAULT).isPresent());
        assertTrue(QuietHoursWindow.at(london("2026-05-12T20:59:59"), LONDON, DEFAULT).isEmpty());
        assertTrue(QuietHoursWindow.at(london("2026-05-13T07:00"), LONDON, DEFAULT).isEmpty());
        assertTrue(QuietHoursWindow.at(london("2026-05-13T12:00"), LONDON, DEFAULT).isEmpty());
    }

    @Test
    void theNightTheClocksGoForwardEndsAtSevenLocalTime() {
        // 29 March 2026: London moves from GMT to BST at 01:00 UTC; 07:00 local is 06:00 UTC.
        QuietHoursWindow.Night n = QuietHoursWindow.at(london("2026-03-28T23:00"), LONDON, DEFAULT).orElseThrow();
        assertEquals(Instant.parse("2026-03-29T06:00:00Z"), n.ends());
    }

    @Test
    void theNightTheClocksGoBackEndsAtSevenLocalTime() {
        // 25 October 2026: back to GMT; 07:00 local is 07:00 UTC, after a 25-hour day.
        QuietHoursWindow.Night n = QuietHoursWindow.at(Instant.parse("2026-10-24T21:30:00Z"), LONDON, DEFAULT).orElseThrow();
        assertEquals(Instant.parse("2026-10-25T07:00:00Z"), n.ends());
    }

    @Test
    void theProgrammesTimeZoneDecides() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // 22:30 in London is 17:30 in New York: not quiet there.
        assertTrue(QuietHoursWindow.at(london("2026-05-12T22:30"), newYork, DEFAULT).isEmpty());
        assertEquals(LocalDateTime.parse("2026-05-13T07:00").atZone(newYork).toInstant(),
                QuietHoursWindow.at(LocalDateTime.parse("2026-05-12T23:15").atZone(newYork).toInstant(), newYork, DEFAULT)
                        .orElseThrow().ends());
    }

    @Test
    void aDaytimeWindowAndEqualTimesWork() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30), 3);
        assertEquals(london("2026-05-12T13:30"),
                QuietHoursWindow.at(london("2026-05-12T12:10"), LONDON, lunch).orElseThrow().ends());
        assertTrue(QuietHoursWindow.at(london("2026-05-12T22:00"), LONDON, lunch).isEmpty());
        QuietHours none = new QuietHours(LocalTime.of(9, 0), LocalTime.of(9, 0), 3);
        assertTrue(QuietHoursWindow.at(london("2026-05-12T23:00"), LONDON, none).isEmpty(), "equal times: no quiet hours");
    }
}
