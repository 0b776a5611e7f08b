package org.chaperone.sessions;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * One mentoring session of a pairing. A planned session (from the programme's template) has no time
 * yet; scheduling gives it one and a meeting; cancelling keeps the record. {@code sequence} is the
 * iCalendar SEQUENCE of its last invitation; {@code version} guards concurrent changes.
 */
public record Session(String id, String organisationId, String programmeId, String pairingId, int number, Kind kind,
                      String mentorId, String menteeId, State state, Instant start, Instant end, int minutes,
                      Meeting meeting, int sequence, Outcome outcome, int version, Instant createdAt) {

    public enum State {
        PLANNED, SCHEDULED, CANCELLED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Kind {
        INTRODUCTION, WEEKLY, EXTRA;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The meeting a scheduled session takes place in: the provider's room or meeting. */
    public record Meeting(String provider, String room, String externalId, String joinUrl) {
        Document toDocument() {
            return new Document("provider", provider).append("room", room).append("externalId", externalId)
                    .append("joinUrl", joinUrl);
        }

        static Meeting from(Document d) {
            return d == null ? null : new Meeting(d.getString("provider"), d.getString("room"), d.getString("externalId"),
                    d.getString("joinUrl"));
        }
    }

    /** Whether the session took place, as recorded by the mentor (or a manager) afterwards. */
    public record Outcome(boolean tookPlace, String reason, String note, String recordedBy, String recordedByRole,
                          Instant recordedAt) {
        Document toDocument() {
            return new Document("tookPlace", tookPlace).append("reason", reason).append("note", note)
                    .append("recordedBy", recordedBy).append("recordedByRole", recordedByRole)
                    .append("recordedAt", Date.from(recordedAt));
        }

        static Outcome from(Document d) {
            return d == null ? null : new Outcome(d.getBoolean("tookPlace", false), d.getString("reason"), d.getString("note"),
                    d.getString("recordedBy"), d.getString("recordedByRole"), d.getDate("recordedAt").toInstant());
        }
    }

    /** Sessions of a pairing are keyed by the pairing, so a pairing's series is a short run of ids. */
    public static String idFor(String pairingId, int number) {
        return pairingId + "-s" + String.format(Locale.ROOT, "%03d", number);
    }

    public List<String> participantIds() {
        return List.of(mentorId, menteeId);
    }

    public boolean isScheduled() {
        return state == State.SCHEDULED;
    }

    public Session withSchedule(Instant newStart, int newMinutes, Meeting newMeeting, int newSequence) {
        return new Session(id, organisationId, programmeId, pairingId, number, kind, mentorId, menteeId, State.SCHEDULED,
                newStart, newStart.plusSeconds(newMinutes * 60L), newMinutes, newMeeting, newSequence, outcome, version,
                createdAt);
    }

    public Session cancelled(int newSequence) {
        return new Session(id, organisationId, programmeId, pairingId, number, kind, mentorId, menteeId, State.CANCELLED,
                start, end, minutes, meeting, newSequence, outcome, version, createdAt);
    }

    public Session withOutcome(Outcome o) {
        return new Session(id, organisationId, programmeId, pairingId, number, kind, mentorId, menteeId, state, start, end,
                minutes, meeting, sequence, o, version, createdAt);
    }

    Document toDocument() {
        return new Document("_id", id)
                .append("organisationId", organisationId)
                .append("programmeId", programmeId)
                .append("pairingId", pairingId)
                .append("number", number)
                .append("kind", kind.wireName())
                .append("mentorId", mentorId)
                .append("menteeId", menteeId)
                .append("participantIds", participantIds())
                .append("state", state.wireName())
                .append("start", start == null ? null : Date.from(start))
                .append("end", end == null ? null : Date.from(end))
                .append("minutes", minutes)
                .append("meeting", meeting == null ? null : meeting.toDocument())
                .append("sequence", sequence)
                .append("outcome", outcome == null ? null : outcome.toDocument())
                .append("version", version)
                .append("createdAt", Date.from(createdAt));
    }

    static Session from(Document d) {
        if (d == null) return null;
        Date start = d.getDate("start");
        Date end = d.getDate("end");
        return new Session(d.getString("_id"), d.getString("organisationId"), d.getString("programmeId"),
                d.getString("pairingId"), d.getInteger("number"), Kind.valueOf(d.getString("kind").toUpperCase(Locale.ROOT)),
                d.getString("mentorId"), d.getString("menteeId"), State.valueOf(d.getString("state").toUpperCase(Locale.ROOT)),
                start == null ? null : start.toInstant(), end == null ? null : end.toInstant(), d.getInteger("minutes", 0),
                Meeting.from(d.get("meeting", Document.class)), d.getInteger("sequence", 0),
                Outcome.from(d.get("outcome", Document.class)), d.getInteger("version", 0),
                d.getDate("createdAt").toInstant());
    }
}
