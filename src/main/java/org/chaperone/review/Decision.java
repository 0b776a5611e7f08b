package org.chaperone.review;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a programme manager or DSL decides about a review item, and which item states it applies to.
 * {@code release} and {@code reject} are for held messages, {@code reviewed} for messages that were
 * delivered (flagged or reported); {@code escalate} hands any waiting item to the DSL; {@code note}
 * adds to the record without deciding.
 */
public enum Decision {
    RELEASE("released", ReviewState.RELEASED, "message_released"),
    REJECT("rejected", ReviewState.REJECTED, "message_rejected"),
    ESCALATE("escalated", ReviewState.ESCALATED, "message_escalated"),
    REVIEWED("marked reviewed", ReviewState.REVIEWED, "message_reviewed"),
    NOTE("noted", null, "note");

    private final String pastTense;
    private final ReviewState leadsTo;
    private final String incidentType;

    Decision(String pastTense, ReviewState leadsTo, String incidentType) {
        this.pastTense = pastTense;
        this.leadsTo = leadsTo;
        this.incidentType = incidentType;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String pastTense() {
        return pastTense;
    }

    /** The review state after this decision; null for a note, which changes nothing. */
    public ReviewState leadsTo() {
        return leadsTo;
    }

    public String incidentType() {
        return incidentType;
    }

    /** The review states this decision may be taken from. */
    public List<ReviewState> from() {
        return switch (this) {
            case ESCALATE -> List.of(ReviewState.OPEN);
            case NOTE -> List.of(ReviewState.values());
            default -> ReviewState.WAITING;
        };
    }

    /** Whether it applies to a message that is (or is not) held. */
    public boolean appliesTo(boolean held) {
        return switch (this) {
            case RELEASE, REJECT -> held;
            case REVIEWED -> !held;
            case ESCALATE, NOTE -> true;
        };
    }

    public static Decision fromWire(String v) {
        for (Decision d : values()) if (d.wireName().equals(v)) return d;
        throw new IllegalArgumentException("must be one of " + String.join(", ",
                Arrays.stream(values()).map(Decision::wireName).toList()));
    }
}
