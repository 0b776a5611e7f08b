package org.chaperone.sessions.meeting;

import org.chaperone.sessions.Session;

import java.time.Instant;

/**
 * Where sessions take place. Every provider issues meetings with recording, live-streaming and
 * transcription off, and has no operation that turns them on: the gateway cannot be asked to record.
 * Calls may block (a provider's HTTP API); they run on virtual threads.
 */
public interface MeetingProvider {
    String name();

    /** A new meeting for a session about to be scheduled. */
    Session.Meeting create(Plan plan) throws MeetingException;

    /** The meeting moved to the plan's new time (may return the same meeting). */
    Session.Meeting update(Session.Meeting current, Plan plan) throws MeetingException;

    /** The session was cancelled: the meeting is removed where the provider keeps one. */
    void cancel(Session.Meeting meeting) throws MeetingException;

    /** The link one person uses to join; for Jitsi it carries that person's signed token. */
    String joinLink(Session.Meeting meeting, Plan plan, Attendee attendee);

    /** What the provider needs to know about a session. */
    record Plan(String sessionId, String title, Instant start, Instant end, String timeZone) {}

    /** Someone joining: moderators are the programme's staff only, never a mentor or mentee. */
    record Attendee(String id, String displayName, boolean moderator) {}
}
