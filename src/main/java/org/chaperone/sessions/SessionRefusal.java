package org.chaperone.sessions;

/**
 * Why a session change was refused, with a stable code (outside_permitted_hours, overlap,
 * in_the_past, too_long, …), the sentence shown to the person, and the HTTP status it answers.
 */
public final class SessionRefusal extends RuntimeException {
    private final int status;
    private final String code;

    public SessionRefusal(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static SessionRefusal unprocessable(String code, String message) {
        return new SessionRefusal(422, code, message);
    }

    public static SessionRefusal forbidden(String message) {
        return new SessionRefusal(403, "forbidden", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
