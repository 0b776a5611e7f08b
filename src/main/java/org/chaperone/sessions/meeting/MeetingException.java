package org.chaperone.sessions.meeting;

/** The meeting provider could not do what was asked; nothing was changed on our side. */
public final class MeetingException extends Exception {
    public MeetingException(String message, Throwable cause) {
        super(message, cause);
    }

    public MeetingException(String message) {
        super(message);
    }
}
