package org.chaperone.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A monotonic sequence for derived data to catch up by polling ({@code seq > last}): microseconds
 * since the epoch, bumped so that no two values from this process are equal. Several nodes give
 * nearly ordered values; readers re-read a short window behind their last value to cover that.
 */
public final class Seq {
    private static final AtomicLong LAST = new AtomicLong();

    private Seq() {}

    public static long next() {
        long now = System.currentTimeMillis() * 1000;
        return LAST.updateAndGet(prev -> Math.max(prev + 1, now));
    }
}
