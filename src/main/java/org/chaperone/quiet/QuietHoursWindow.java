package org.chaperone.quiet;

import org.chaperone.registry.ProgrammePolicy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a programme's quiet hours are. Times are wall-clock times in the programme's zone, so the night
 * the clocks change still ends at 07:00 local (one hour more or less of real time). Equal start and end
 * mean the programme has no quiet hours.
 */
public final class QuietHoursWindow {
    private QuietHoursWindow() {}

    /** One quiet-hours period: the local date it began on (its "night") and the instant it ends. */
    public record Night(LocalDate began, Instant ends) {}

    /** The quiet-hours period {@code at} falls in, if any. */
    public static Optional<Night> at(Instant at, ZoneId zone, ProgrammePolicy.QuietHours hours) {
        LocalTime start = hours.start();
        LocalTime end = hours.end();
        if (start.equals(end)) return Optional.empty();
        ZonedDateTime local = at.atZone(zone);
        LocalTime t = local.toLocalTime();
        LocalDate d = local.toLocalDate();
        if (start.isBefore(end)) { // within one day, e.g. 12:00–13:30
            return !t.isBefore(start) && t.isBefore(end) ? Optional.of(new Night(d, endOn(d, end, zone))) : Optional.empty();
        }
        if (!t.isBefore(start)) return Optional.of(new Night(d, endOn(d.plusDays(1), end, zone)));
        if (t.isBefore(end)) return Optional.of(new Night(d.minusDays(1), endOn(d, end, zone)));
        return Optional.empty();
    }

    /** When something sent at {@code at} may be delivered: the end of quiet hours, or null if it may go now. */
    public static Instant deliverAfter(Instant at, ProgrammePolicy policy) {
        return at(at, policy.zone(), policy.quietHours()).map(Night::ends).orElse(null);
    }

    /** A local end time that falls in a spring-forward gap moves on by the gap (01:30 becomes 02:30). */
    private static Instant endOn(LocalDate date, LocalTime end, ZoneId zone) {
        return ZonedDateTime.of(date, end, zone).toInstant();
    }
}
