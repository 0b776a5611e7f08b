package org.chaperone.screening.contact;

/** A programme's choice of what happens to a message that carries a personal contact detail. */
public enum ContactAction {
    /** Not delivered: placed in the programme manager's review queue; the sender is told why. */
    HOLD,
    /** Each detail replaced with "[contact details removed]"; delivered and flagged for review. */
    REDACT_AND_DELIVER
}
