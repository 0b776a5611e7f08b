package org.chaperone.sessions;

import org.bson.Document;
import org.chaperone.delivery.Outbox;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.Programme;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.registry.Visibility;
import org.chaperone.relay.RelayAddress;
import org.chaperone.relay.RelayAddresses;
import org.chaperone.sessions.meeting.MeetingException;
import org.chaperone.sessions.meeting.MeetingProvider;
import org.chaperone.store.Ids;
import org.chaperone.store.MongoStore;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Schedules, moves and cancels sessions and records whether they took place. Each change is checked
 * ({@link SessionScheduler}), given a meeting by the programme's provider, stored with a line in the
 * session's log, and announced by an iCalendar invitation to both participants through their relay
 * addresses, with the programme managers copied for under-18 and at-risk mentees. Runs on a blocking
 * thread; returns once the change and its invitations are durably stored.
 */
public final class SessionService {
    private static final Logger LOG = Logger.getLogger(SessionService.class.getName());
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    private final MongoStore store;
    private final Sessions sessions;
    private final SessionScheduler scheduler;
    private final Surveys surveys;
    private final Registry registry;
    private final RelayAddresses relay;
    private final Outbox outbox;
    private final InvitationMail mail;
    private final Map<String, MeetingProvider> providers;
    private final String defaultProvider;
    private final Clock clock;

    public SessionService(MongoStore store, Sessions sessions, SessionScheduler scheduler, Surveys surveys, Registry registry,
                          RelayAddresses relay, Outbox outbox, InvitationMail mail, Map<String, MeetingProvider> providers,
                          String defaultProvider, Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.scheduler = scheduler;
        this.surveys = surveys;
        this.registry = registry;
        this.relay = relay;
        this.outbox = outbox;
        this.mail = mail;
        this.providers = Map.copyOf(providers);
        this.defaultProvider = defaultProvider;
        this.clock = clock;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** Schedules the pairing's next planned session, or an extra one once the planned series is used up. */
    public Session scheduleNext(User actor, Pairing pairing, Programme programme, Instant start, Integer minutes) {
        Instant now = clock.instant();
        scheduler.checkMayArrange(actor, pairing, programme, now, List.of(start));
        List<Session> series = sessions.forPairing(pairing.organisationId(), pairing.id());
        Session target = series.stream().filter(s -> s.state() == Session.State.PLANNED).findFirst().orElse(null);
        if (target == null) {
            int number = series.stream().mapToInt(Session::number).max().orElse(0) + 1;
            int length = minutes != null ? minutes : programme.policy().sessionTemplate().sessionMinutes();
            target = new Session(Session.idFor(pairing.id(), number), pairing.organisationId(), pairing.programmeId(),
                    pairing.id(), number, Session.Kind.EXTRA, pairing.mentorId(), pairing.menteeId(), Session.State.PLANNED,
                    null, null, length, null, 0, null, 0, now);
            scheduler.checkTime(pairing, programme, target.id(), start, length, now);
            if (!sessions.insert(target, log("planned", actor, target, "an extra session beyond the template", now))) {
                throw new SessionRefusal(409, "conflict", "Another session was added at the same moment; try again.");
            }
        }
        return arrange(actor, pairing, programme, target, start, minutes != null ? minutes : target.minutes(), "scheduled");
    }

    /**
     * Schedules every remaining planned session weekly from {@code first}, at the same local time in the
     * programme's time zone (so across a daylight-saving change the UTC time moves, the local time does
     * not). Every time is checked before any is scheduled.
     */
    public List<Session> scheduleWeekly(User actor, Pairing pairing, Programme programme, ZonedDateTime first, Integer minutes) {
        Instant now = clock.instant();
        List<Session> planned = sessions.forPairing(pairing.organisationId(), pairing.id()).stream()
                .filter(s -> s.state() == Session.State.PLANNED).toList();
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < Math.max(1, planned.size()); i++) starts.add(first.plusWeeks(i).toInstant());
        // Who may arrange comes first: someone who may not is told that, not what the series holds.
        scheduler.checkMayArrange(actor, pairing, programme, now, starts);
        if (planned.isEmpty()) {
            throw SessionRefusal.unprocessable("nothing_planned", "Every planned session of this pairing is already scheduled.");
        }
        for (int i = 0; i < planned.size(); i++) {
            Session s = planned.get(i);
            try {
                scheduler.checkTime(pairing, programme, s.id(), starts.get(i), minutes != null ? minutes : s.minutes(), now);
            } catch (SessionRefusal r) {
                throw new SessionRefusal(r.status(), r.code(), "Session " + s.number() + ": " + r.getMessage());
            }
        }
        List<Session> out = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            Session s = planned.get(i);
            out.add(arrange(actor, pairing, programme, s, starts.get(i), minutes != null ? minutes : s.minutes(), "scheduled"));
        }
        return out;
    }

    /** Moves (or first schedules) one session. */
    public Session move(User actor, Pairing pairing, Programme programme, String sessionId, Instant start, Integer minutes) {
        Session s = find(pairing, sessionId);
        Instant now = clock.instant();
        scheduler.checkMayArrange(actor, pairing, programme, now, s.start() == null ? List.of(start) : List.of(start, s.start()));
        if (s.state() == Session.State.CANCELLED) {
            throw SessionRefusal.unprocessable("session_cancelled", "Session " + s.number()
                    + " was cancelled; schedule a new session instead.");
        }
        if (s.start() != null && !s.start().isAfter(now)) {
            throw SessionRefusal.unprocessable("already_started", "Session " + s.number()
                    + " has already started; record whether it took place instead of moving it.");
        }
        Instant newStart = start != null ? start : s.start();
        if (newStart == null) throw new SessionRefusal(400, "invalid_request", "start is required to schedule a planned session.");
        return arrange(actor, pairing, programme, s, newStart, minutes != null ? minutes : s.minutes(),
                s.isScheduled() ? "moved" : "scheduled");
    }

    private Session arrange(User actor, Pairing pairing, Programme programme, Session s, Instant start, int minutes, String action) {
        Instant now = clock.instant();
        scheduler.checkTime(pairing, programme, s.id(), start, minutes, now);
        MeetingProvider provider = providerFor(programme);
        MeetingProvider.Plan plan = plan(programme, s, start, start.plusSeconds(minutes * 60L));
        Session.Meeting meeting;
        try {
            meeting = s.meeting() != null && s.meeting().provider().equals(provider.name())
                    ? provider.update(s.meeting(), plan) : provider.create(plan);
        } catch (MeetingException e) {
            throw new SessionRefusal(502, "meeting_provider_failed", "The meeting could not be arranged with "
                    + provider.name() + ": " + e.getMessage() + ". Nothing was changed.");
        }
        int sequence = s.start() == null ? 0 : s.sequence() + 1;
        Session updated = s.withSchedule(start, minutes, meeting, sequence);
        if (!sessions.update(updated, log(action, actor, updated, null, now))) {
            if (s.meeting() == null) cancelQuietly(provider, meeting);
            throw new SessionRefusal(409, "conflict", "Session " + s.number() + " was changed by someone else at the same time; "
                    + "reload it and try again.");
        }
        invite(pairing, programme, updated, InvitationMail.Kind.REQUEST, action, now);
        store.awaitDurable();
        return sessions.find(pairing.organisationId(), s.id()).orElse(updated);
    }

    /** Cancels a session; the record stays, and a scheduled one is cancelled in both participants' calendars. */
    public Session cancel(User actor, Pairing pairing, Programme programme, String sessionId, String reason) {
        Session s = find(pairing, sessionId);
        Instant now = clock.instant();
        scheduler.checkMayArrange(actor, pairing, programme, now, s.start() == null ? List.of() : List.of(s.start()));
        if (s.state() == Session.State.CANCELLED) return s;
        if (s.start() != null && !s.start().isAfter(now)) {
            throw SessionRefusal.unprocessable("already_started", "Session " + s.number()
                    + " has already started; record that it did not take place instead of cancelling it.");
        }
        return cancelSession(actor, pairing, programme, s, reason, now);
    }

    private Session cancelSession(User actor, Pairing pairing, Programme programme, Session s, String reason, Instant now) {
        boolean wasScheduled = s.isScheduled();
        if (wasScheduled && s.meeting() != null) {
            MeetingProvider provider = providers.get(s.meeting().provider());
            if (provider != null) {
                try {
                    provider.cancel(s.meeting());
                } catch (MeetingException e) {
                    throw new SessionRefusal(502, "meeting_provider_failed", "The meeting could not be cancelled with "
                            + provider.name() + ": " + e.getMessage() + ". Nothing was changed.");
                }
            }
        }
        Session updated = s.cancelled(wasScheduled ? s.sequence() + 1 : s.sequence());
        if (!sessions.update(updated, log("cancelled", actor, updated, reason, now))) {
            throw new SessionRefusal(409, "conflict", "Session " + s.number() + " was changed by someone else at the same time; "
                    + "reload it and try again.");
        }
        if (wasScheduled) invite(pairing, programme, updated, InvitationMail.Kind.CANCEL, "cancelled", now);
        store.awaitDurable();
        return sessions.find(pairing.organisationId(), s.id()).orElse(updated);
    }

    /** A pairing ended: its future sessions are cancelled (and taken out of the participants' calendars). */
    public void pairingEnded(Pairing pairing, Programme programme) {
        Instant now = clock.instant();
        for (Session s : sessions.forPairing(pairing.organisationId(), pairing.id())) {
            boolean future = s.state() == Session.State.PLANNED || (s.isScheduled() && s.start().isAfter(now));
            if (!future) continue;
            try {
                cancelSession(null, pairing, programme, s, "the pairing ended", now);
            } catch (SessionRefusal e) {
                LOG.warning("session " + s.id() + " of ended pairing " + pairing.id() + " could not be cancelled: " + e.getMessage());
            }
        }
    }

    /** The mentor (or the programme's staff) records whether a session took place. */
    public Session recordOutcome(User actor, Pairing pairing, Programme programme, String sessionId, boolean tookPlace,
                                 String reason, String note) {
        Session s = find(pairing, sessionId);
        Instant now = clock.instant();
        boolean staff = isStaff(actor, pairing);
        boolean mentor = actor.role() == Role.MENTOR && pairing.mentorId().equals(actor.id());
        if (!staff && !mentor) {
            throw SessionRefusal.forbidden("Whether a session took place is recorded by the pairing's mentor or the programme manager.");
        }
        if (!s.isScheduled()) {
            throw SessionRefusal.unprocessable("not_scheduled", "Session " + s.number() + " is " + s.state().wireName()
                    + "; only a scheduled session can be recorded.");
        }
        if (s.start().isAfter(now)) {
            throw SessionRefusal.unprocessable("not_yet_held", "Session " + s.number()
                    + " has not started yet; record it once it has taken place or not.");
        }
        if (s.outcome() != null && !staff) {
            throw new SessionRefusal(409, "already_recorded", "Session " + s.number()
                    + " is already recorded; ask the programme manager to correct it.");
        }
        Session.Outcome outcome = new Session.Outcome(tookPlace, tookPlace ? null : reason, note, actor.id(),
                actor.role().wireName(), now);
        Session updated = s.withOutcome(outcome);
        if (!sessions.update(updated, log(s.outcome() == null ? "outcome_recorded" : "outcome_corrected", actor, updated,
                tookPlace ? "took place" : "did not take place: " + reason, now))) {
            throw new SessionRefusal(409, "conflict", "Session " + s.number() + " was changed by someone else; try again.");
        }
        if (tookPlace) {
            for (int point : surveys.sendDue(pairing, programme, s.number())) {
                sessions.appendLog(s.id(), log("survey_sent", null, updated, "feedback survey after session " + point, now));
            }
        }
        store.awaitDurable();
        return sessions.find(pairing.organisationId(), s.id()).orElse(updated);
    }

    /** The link this person joins the session by (their own signed token for Jitsi). */
    public String joinLink(User viewer, Pairing pairing, Programme programme, String sessionId) {
        Session s = find(pairing, sessionId);
        if (!s.isScheduled() || s.meeting() == null) {
            throw SessionRefusal.unprocessable("not_scheduled", "Session " + s.number() + " has no meeting: it is "
                    + s.state().wireName() + ".");
        }
        if (!pairing.involves(viewer.id()) && !isStaff(viewer, pairing)) {
            throw SessionRefusal.forbidden("Only the pairing's participants and the programme's staff join its sessions.");
        }
        MeetingProvider provider = providers.get(s.meeting().provider());
        if (provider == null) throw SessionRefusal.unprocessable("provider_unavailable", "The session's meeting provider is not configured.");
        return provider.joinLink(s.meeting(), plan(programme, s, s.start(), s.end()),
                new MeetingProvider.Attendee(viewer.id(), viewer.name(), isStaff(viewer, pairing)));
    }

    public Session find(Pairing pairing, String sessionId) {
        return sessions.find(pairing.organisationId(), sessionId).filter(s -> s.pairingId().equals(pairing.id()))
                .orElseThrow(() -> new SessionRefusal(404, "not_found", "Session was not found in this pairing."));
    }

    static boolean isStaff(User u, Pairing p) {
        return (u.role() == Role.PROGRAMME_MANAGER || u.role() == Role.ORG_ADMIN) && Visibility.isStaffOf(u, p);
    }

    MeetingProvider providerFor(Programme programme) {
        String name = programme.policy().sessionTemplate().meetingProvider();
        if (name == null) name = defaultProvider;
        MeetingProvider p = providers.get(name);
        if (p == null) {
            throw SessionRefusal.unprocessable("provider_unavailable", "The programme uses " + name
                    + " for sessions, but the gateway has no " + name + " account configured.");
        }
        return p;
    }

    private static MeetingProvider.Plan plan(Programme programme, Session s, Instant start, Instant end) {
        // No names in the provider's records: a child's name does not belong in a meeting title.
        return new MeetingProvider.Plan(s.id(), "Mentoring session " + s.number() + " (" + programme.name() + ")", start, end,
                programme.policy().timeZone());
    }

    private void cancelQuietly(MeetingProvider provider, Session.Meeting meeting) {
        try {
            provider.cancel(meeting);
        } catch (MeetingException e) {
            LOG.warning("an unused " + provider.name() + " meeting could not be removed: " + e.getMessage());
        }
    }

    // ---- invitations -------------------------------------------------------------------------

    private void invite(Pairing pairing, Programme programme, Session s, InvitationMail.Kind kind, String action, Instant now) {
        ZoneId zone = programme.policy().zone();
        String org = pairing.organisationId();
        User mentor = registry.users.find(org, pairing.mentorId()).orElseThrow();
        User mentee = registry.users.find(org, pairing.menteeId()).orElseThrow();
        List<InvitationMail.Party> attendees = List.of(
                new InvitationMail.Party(mentor.name(), relayAddress(pairing, mentor.id())),
                new InvitationMail.Party(mentee.name(), relayAddress(pairing, mentee.id())));
        boolean copyManagers = pairing.needsManagerCopy(now, zone) || pairing.needsManagerCopy(s.start(), zone);
        List<User> managers = new ArrayList<>();
        if (copyManagers) {
            for (String id : pairing.managerIds()) registry.users.find(org, id).filter(User::active).ifPresent(managers::add);
        }
        List<Recipient> recipients = new ArrayList<>();
        recipients.add(new Recipient(mentor, false));
        recipients.add(new Recipient(mentee, false));
        for (User m : managers) recipients.add(new Recipient(m, true));
        MeetingProvider provider = providers.get(s.meeting() == null ? "" : s.meeting().provider());
        MeetingProvider.Plan plan = plan(programme, s, s.start(), s.end());
        String when = DAY.format(s.start().atZone(zone)) + ", " + TIME.format(s.start().atZone(zone)) + "–"
                + TIME.format(s.end().atZone(zone)) + " (" + zone.getId() + " time)";
        for (Recipient r : recipients) {
            String link = kind == InvitationMail.Kind.CANCEL || provider == null ? null
                    : provider.joinLink(s.meeting(), plan, new MeetingProvider.Attendee(r.user().id(), r.user().name(), r.copy()));
            String text = text(r, kind, action, programme, s, mentor, mentee, managers, when, link);
            String subject = (kind == InvitationMail.Kind.CANCEL ? "Cancelled: " : action.equals("moved") ? "Moved: " : "")
                    + "Mentoring session " + s.number() + ", " + SHORT_DAY.format(s.start().atZone(zone)) + " at "
                    + TIME.format(s.start().atZone(zone)) + (r.copy() ? " (copy: " + mentor.name() + " and " + mentee.name() + ")" : "");
            byte[] mime = mail.mime(new InvitationMail.Request(kind, uid(s), s.sequence(), s.start(), s.end(), now,
                    "Mentoring session " + s.number() + " – " + programme.name(),
                    "Mentoring session " + s.number() + " of " + programme.name() + " with " + mentor.name() + " and "
                            + mentee.name() + ". " + (link == null ? "" : "Join by the link in this event's location (yours alone). ")
                            + "Recording, live-streaming and transcription are switched off for this session.",
                    link, programme.name(), attendees, r.user().email(), r.user().name(), subject, text, Ids.newId()));
            outbox.insert(outbox.preparedEntry(org, "session:" + pairing.id(), List.of(r.user().email()), mime, false, null, now,
                    kind == InvitationMail.Kind.CANCEL ? "session_cancellation" : "session_invitation"));
        }
        sessions.appendLog(s.id(), new Document("at", Date.from(now)).append("action", "invitation_sent")
                .append("method", kind.name()).append("sequence", s.sequence())
                .append("recipients", recipients.stream().map(r -> r.user().id()).toList())
                .append("managersCopied", !managers.isEmpty()));
    }

    private record Recipient(User user, boolean copy) {}

    /** The same for every invitation of a session, so calendar programs update one event. */
    String uid(Session s) {
        return "session-" + s.id() + "@" + relay.domain();
    }

    private String relayAddress(Pairing pairing, String participantId) {
        RelayAddress a = relay.forParticipant(pairing.id(), participantId)
                .orElseThrow(() -> new IllegalStateException("pairing " + pairing.id() + " has no relay address for " + participantId));
        return a.address(relay.domain());
    }

    private static String text(Recipient r, InvitationMail.Kind kind, String action, Programme programme, Session s, User mentor,
                               User mentee, List<User> managers, String when, String link) {
        StringBuilder b = new StringBuilder();
        b.append("Hello ").append(r.user().name()).append(",\n\n");
        String what = kind == InvitationMail.Kind.CANCEL ? "cancelled" : action;
        b.append(programme.name()).append(" has ").append(what).append(" mentoring session ").append(s.number())
                .append(" for ").append(mentor.name()).append(" and ").append(mentee.name()).append(":\n\n")
                .append("  ").append(when).append('\n');
        if (link != null) b.append("  Join: ").append(link).append('\n');
        b.append('\n');
        if (r.copy()) {
            b.append("You are copied as the programme manager because the mentee is under 18 or at risk.\n\n");
        } else if (!managers.isEmpty()) {
            b.append(String.join(" and ", managers.stream().map(User::name).toList()))
                    .append(" from the programme team ").append(managers.size() == 1 ? "is" : "are").append(" copied into this invitation.\n\n");
        }
        if (kind != InvitationMail.Kind.CANCEL) {
            b.append("This session is not recorded: recording, live-streaming and transcription are switched off for the meeting, ")
                    .append("and the programme's code of conduct does not allow recording it in any other way.\n")
                    .append("The link is yours alone: please do not share it.\n\n")
                    .append("Your calendar program can add this session from the attached invitation.\n");
        } else {
            b.append("Your calendar program can remove this session using the attached cancellation.\n");
        }
        return b.toString();
    }

    // ---- log ---------------------------------------------------------------------------------

    private static Document log(String action, User actor, Session s, String detail, Instant now) {
        return new Document("at", Date.from(now))
                .append("action", action)
                .append("actorId", actor == null ? null : actor.id())
                .append("actorRole", actor == null ? "system" : actor.role().wireName())
                .append("state", s.state().wireName())
                .append("start", s.start() == null ? null : Date.from(s.start()))
                .append("end", s.end() == null ? null : Date.from(s.end()))
                .append("participants", s.participantIds())
                .append("provider", s.meeting() == null ? null : s.meeting().provider())
                .append("outcome", s.outcome() == null ? null : (s.outcome().tookPlace() ? "took_place" : "did_not_take_place"))
                .append("detail", detail);
    }
}
