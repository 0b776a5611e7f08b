package org.chaperone.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition with a deadline instead of sleeping a fixed time. */
public final class Await {
    private Await() {}

    public static <T> T until(String what, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (last != null && !(last instanceof Boolean b && !b)) return last;
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting for " + what + " (last: " + last + ")");
    }

    public static void condition(String what, Duration timeout, Supplier<Boolean> probe) {
        until(what, timeout, () -> probe.get() ? Boolean.TRUE : null);
    }
}
