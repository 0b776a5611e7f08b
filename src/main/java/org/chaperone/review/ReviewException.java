package org.chaperone.review;

/** A review action that cannot be done, with the reason in words for the person who tried. */
public final class ReviewException extends RuntimeException {
    public enum Kind {
        /** Not in the caller's scope, or not a review item. */
        NOT_FOUND,
        /** Someone already decided; the message says who, what and when. */
        ALREADY_DECIDED,
        /** The decision does not fit the item (releasing a delivered message…). */
        NOT_APPLICABLE,
        /** The item changed between reading and deciding. */
        CHANGED,
        /** A field of the request is wrong; {@link #field()} names it. */
        INVALID,
        /** The caller's role or relation to the message does not allow it. */
        NOT_ALLOWED
    }

    private final Kind kind;
    private final String field;

    public ReviewException(Kind kind, String message) {
        this(kind, null, message);
    }

    public ReviewException(Kind kind, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    public static ReviewException notFound(String what) {
        return new ReviewException(Kind.NOT_FOUND, what + " was not found in your organisation, or you cannot see it.");
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
