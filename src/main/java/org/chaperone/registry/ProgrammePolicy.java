package org.chaperone.registry;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A programme's rules. {@code relayNumbers} are the programme's own text-message numbers (E.164) from which
 * each pairing gets its relay number; empty means the deployment's pool ({@code sms.relayNumbers}).
 * Every field has a default, so a programme created with no policy and a
 * document stored before a field existed both read as the defaults.
 */
public record ProgrammePolicy(
        String timeZone,
        QuietHours quietHours,
        SessionTemplate sessionTemplate,
        PermittedHours permittedHours,
        Boolean linkedInForAdults,
        ContactDetailAction contactDetailAction,
        EndedPairingRule endedPairingRule,
        java.util.Map<String, java.util.Map<String, ConcernRule>> concernRules,
        List<String> relayNumbers) {

    public ProgrammePolicy {
        if (timeZone == null || timeZone.isBlank()) timeZone = "Europe/London";
        if (quietHours == null) quietHours = QuietHours.DEFAULT;
        if (sessionTemplate == null) sessionTemplate = SessionTemplate.DEFAULT;
        if (permittedHours == null) permittedHours = PermittedHours.DEFAULT;
        if (linkedInForAdults == null) linkedInForAdults = Boolean.TRUE;
        if (contactDetailAction == null) contactDetailAction = ContactDetailAction.HOLD;
        if (endedPairingRule == null) endedPairingRule = EndedPairingRule.REFUSE;
        concernRules = concernRules == null ? java.util.Map.of() : java.util.Map.copyOf(concernRules);
        relayNumbers = relayNumbers == null ? List.of() : List.copyOf(relayNumbers);
    }

    public static ProgrammePolicy defaults() {
        return new ProgrammePolicy(null, null, null, null, null, null, null, null, null);
    }

    /**
     * The programme's own entries in the concern policy table: category → direction → what happens
     * ({@code action}: deliver, deliver_flagged or hold; {@code urgent}: alert the DSL at once).
     * Categories and directions not named keep the defaults.
     */
    public record ConcernRule(String action, Boolean urgent) {}

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /**
     * Messages sent between {@code start} and {@code end} (local time) wait until {@code end}; equal times mean
     * no quiet hours. A mentor's {@code flagAfter}-th message in one quiet-hours night, and each after it, is
     * flagged to the programme manager.
     */
    public record QuietHours(LocalTime start, LocalTime end, Integer flagAfter) {
        public static final int DEFAULT_FLAG_AFTER = 3;
        public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0), DEFAULT_FLAG_AFTER);

        public QuietHours {
            if (start == null) start = DEFAULT_START;
            if (end == null) end = DEFAULT_END;
            if (flagAfter == null) flagAfter = DEFAULT_FLAG_AFTER;
        }

        private static final LocalTime DEFAULT_START = LocalTime.of(21, 0);
        private static final LocalTime DEFAULT_END = LocalTime.of(7, 0);
    }

    /**
     * The planned series for a new pairing: an introduction, then weekly sessions. Sessions are numbered
     * from 1 (the introduction); {@code surveyAfterSessions} names the sessions after which the feedback
     * surveys go out (default: the middle and the end of the series); {@code meetingProvider} chooses
     * the meeting links (jitsi or zoom; default: the gateway's {@code sessions.provider}).
     */
    public record SessionTemplate(Integer introMinutes, Integer weeklySessions, Integer sessionMinutes,
                                  Integer maxSessionMinutes, java.util.List<Integer> surveyAfterSessions,
                                  String meetingProvider) {
        public static final SessionTemplate DEFAULT = new SessionTemplate(60, 7, 60, 90, null, null);

        public SessionTemplate {
            if (introMinutes == null) introMinutes = 60;
            if (weeklySessions == null) weeklySessions = 7;
            if (sessionMinutes == null) sessionMinutes = 60;
            if (maxSessionMinutes == null) maxSessionMinutes = 90;
            if (surveyAfterSessions != null) surveyAfterSessions = java.util.List.copyOf(surveyAfterSessions);
        }

        /** Sessions in the planned series: the introduction and the weekly ones. */
        public int totalSessions() {
            return 1 + weeklySessions;
        }

        /** The session numbers after which surveys are sent: as set, or the middle and the last. */
        public java.util.List<Integer> surveyPoints() {
            if (surveyAfterSessions != null) return surveyAfterSessions;
            int total = totalSessions();
            int middle = (total + 1) / 2;
            return middle == total ? java.util.List.of(total) : java.util.List.of(middle, total);
        }
    }

    /** When sessions may be scheduled, in the programme's time zone. */
    public record PermittedHours(LocalTime start, LocalTime end, Boolean weekends) {
        public static final PermittedHours DEFAULT = new PermittedHours(LocalTime.of(8, 0), LocalTime.of(20, 0), false);

        public PermittedHours {
            if (start == null) start = LocalTime.of(8, 0);
            if (end == null) end = LocalTime.of(20, 0);
            if (weekends == null) weekends = Boolean.FALSE;
        }
    }

    /** What happens to a message carrying personal contact details. */
    public enum ContactDetailAction {
        HOLD, REDACT;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static ContactDetailAction fromWire(String v) {
            for (ContactDetailAction a : values()) if (a.wireName().equals(v)) return a;
            throw new IllegalArgumentException("must be hold or redact");
        }
    }

    /** Mail to a pairing that has ended: refused, or (for under-18 mentees) routed to the programme manager. */
    public enum EndedPairingRule {
        REFUSE, ROUTE_TO_MANAGER;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static EndedPairingRule fromWire(String v) {
            for (EndedPairingRule a : values()) if (a.wireName().equals(v)) return a;
            throw new IllegalArgumentException("must be refuse or route_to_manager");
        }
    }
}
