package org.chaperone.screening;

/** What happens to a message after screening. */
public enum ScreeningVerdict {
    DELIVER("deliver"),
    /** Delivered (possibly redacted) and placed on the programme manager's review list. */
    DELIVER_FLAGGED("deliver_flagged"),
    /** Not delivered: waits in the programme manager's review queue. */
    HOLD("hold");

    private final String wireName;

    ScreeningVerdict(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The stricter of two verdicts. */
    public ScreeningVerdict and(ScreeningVerdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
