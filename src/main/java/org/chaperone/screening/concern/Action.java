package org.chaperone.screening.concern;

/** What happens to a message with a concern, from the mildest to the strictest. */
public enum Action {
    DELIVER,
    DELIVER_AND_FLAG,
    HOLD;

    public Action stricter(Action other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
