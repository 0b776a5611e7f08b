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
 * A clock a test sets: it keeps ticking in real time from wherever it was last set, so retries, leases and
 * timeouts still move on, while the test decides what time of day it is (quiet hours, the morning after).
 */
public final class MutableClock extends Clock {
    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    private volatile Duration offset;

    private MutableClock(Instant start) {
        this.offset = Duration.between(Instant.now(), start);
    }

    public static MutableClock at(Instant start) {
        return new MutableClock(start);
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
        offset = Duration.between(Instant.now(), now);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
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
