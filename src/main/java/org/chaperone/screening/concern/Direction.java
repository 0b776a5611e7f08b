package org.chaperone.screening.concern;

/** Who wrote a message to whom within a pairing. */
public enum Direction {
    MENTOR_TO_MENTEE,
    MENTEE_TO_MENTOR
}
