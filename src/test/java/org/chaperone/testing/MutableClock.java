package org.chaperone.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test sets. {@link #at} keeps ticking in real time from wherever it was last set, so
 * retries, leases and timeouts still move on while the test decides what time of day it is (quiet
 * hours, the morning after); {@code new MutableClock(start)} stands still until moved, so "after the
 * session" and "three days later" need no waiting.
 */
public final class MutableClock extends Clock {
    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    private final boolean ticking;
    private volatile Duration offset;
    private volatile Instant frozen;

    /** A clock that stands still at {@code start} until moved. */
    public MutableClock(Instant start) {
        this.ticking = false;
        this.frozen = start;
    }

    private MutableClock(Instant start, boolean ticking) {
        this.ticking = ticking;
        this.offset = Duration.between(Instant.now(), start);
    }

    /** A clock that ticks in real time from {@code start}. */
    public static MutableClock at(Instant start) {
        return new MutableClock(start, true);
    }

    /** Today's date, at a local time in London (the demo programme's zone). */
    public static MutableClock atLondon(LocalTime time) {
        return at(LocalDateTime.of(LocalDate.now(LONDON), time).atZone(LONDON).toInstant());
    }

    /** Midday in London: outside quiet hours whenever the test suite runs. */
    public static MutableClock daytime() {
        return atLondon(LocalTime.NOON);
    }

    public void set(Instant now) {
        if (ticking) offset = Duration.between(Instant.now(), now);
        else frozen = now;
    }

    public void advance(Duration by) {
        if (ticking) offset = offset.plus(by);
        else frozen = frozen.plus(by);
    }

    @Override
    public Instant instant() {
        return ticking ? Instant.now().plus(offset) : frozen;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the gateway works in instants; zones come from programme policy");
    }
}
