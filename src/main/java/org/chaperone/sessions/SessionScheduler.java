package org.chaperone.sessions;

import org.chaperone.registry.Pairing;
import org.chaperone.registry.Programme;
import org.chaperone.registry.ProgrammePolicy;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.registry.Visibility;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The scheduling rules. Who may: for adult mentees the mentor or the programme's staff; for mentees
 * under 18 (on the day of the change or of the session) or at risk, only the programme's staff. What
 * may be scheduled: a time in the future, inside the programme's permitted hours in its time zone
 * (weekends only where the programme allows them), no longer than the programme allows, and not
 * overlapping another session of either participant. Each refusal names its reason.
 */
public final class SessionScheduler {
    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.UK);
    private final Sessions sessions;

    public SessionScheduler(Sessions sessions) {
        this.sessions = sessions;
    }

    /** May {@code actor} schedule, move or cancel sessions of this pairing at these times? Throws 403 with the reason if not. */
    public void checkMayArrange(User actor, Pairing pairing, Programme programme, Instant now, List<Instant> times) {
        if (actor.role() == Role.ORG_ADMIN && actor.organisationId().equals(pairing.organisationId())) return;
        if (actor.role() == Role.PROGRAMME_MANAGER && Visibility.isStaffOf(actor, pairing)) return;
        if (actor.role() == Role.MENTOR && pairing.mentorId().equals(actor.id())) {
            ZoneId zone = programme.policy().zone();
            boolean protectedMentee = pairing.needsManagerCopy(now, zone)
                    || times.stream().anyMatch(t -> t != null && pairing.needsManagerCopy(t, zone));
            if (protectedMentee) {
                throw SessionRefusal.forbidden("Sessions with a mentee who is under 18 or at risk are scheduled by the "
                        + "programme manager, not by the mentor. Ask your programme manager to arrange this session.");
            }
            return;
        }
        throw SessionRefusal.forbidden("Sessions are arranged by the pairing's mentor (for adult mentees) or by the "
                + "programme manager; your role cannot change them.");
    }

    /** Checks one proposed time for a session; {@code sessionId} is the session being moved (excluded from overlaps). */
    public void checkTime(Pairing pairing, Programme programme, String sessionId, Instant start, int minutes, Instant now) {
        ProgrammePolicy policy = programme.policy();
        ZoneId zone = policy.zone();
        if (!pairing.isActive()) {
            throw SessionRefusal.unprocessable("pairing_ended", "The pairing has ended; no more sessions can be scheduled.");
        }
        if (!start.isAfter(now)) {
            throw SessionRefusal.unprocessable("in_the_past", "The session would start in the past ("
                    + SHOWN.format(start.atZone(zone)) + ", " + zone.getId() + " time); choose a later time.");
        }
        int max = policy.sessionTemplate().maxSessionMinutes();
        if (minutes > max) {
            throw SessionRefusal.unprocessable("too_long", "The session would last " + minutes
                    + " minutes; the programme allows at most " + max + " minutes.");
        }
        ProgrammePolicy.PermittedHours hours = policy.permittedHours();
        ZonedDateTime localStart = start.atZone(zone);
        ZonedDateTime localEnd = start.plusSeconds(minutes * 60L).atZone(zone);
        DayOfWeek day = localStart.getDayOfWeek();
        if (!hours.weekends() && (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY)) {
            throw SessionRefusal.unprocessable("outside_permitted_hours", "The session would be on a "
                    + day.getDisplayName(java.time.format.TextStyle.FULL, Locale.UK)
                    + "; the programme does not schedule sessions at weekends.");
        }
        LocalDateTime dayStart = localStart.toLocalDate().atTime(hours.start());
        LocalDateTime dayEnd = localStart.toLocalDate().atTime(hours.end());
        if (localStart.toLocalDateTime().isBefore(dayStart) || localEnd.toLocalDateTime().isAfter(dayEnd)) {
            throw SessionRefusal.unprocessable("outside_permitted_hours", "The session would run from "
                    + localStart.toLocalTime() + " to " + localEnd.toLocalTime() + " (" + zone.getId()
                    + " time); the programme allows sessions only between " + hours.start() + " and " + hours.end() + ".");
        }
        Instant end = start.plusSeconds(minutes * 60L);
        for (Session other : sessions.overlapping(List.of(pairing.mentorId(), pairing.menteeId()), start, end, sessionId)) {
            String who;
            if (other.pairingId().equals(pairing.id())) {
                who = "session " + other.number() + " of this pairing (" + SHOWN.format(other.start().atZone(zone)) + ")";
            } else {
                boolean mentorBusy = other.participantIds().contains(pairing.mentorId());
                // Another pairing's session: say whose time it is, never whom it is with.
                who = "another session of the " + (mentorBusy ? "mentor" : "mentee") + " at that time";
            }
            throw SessionRefusal.unprocessable("overlap", "The session would overlap " + who + ".");
        }
    }
}
