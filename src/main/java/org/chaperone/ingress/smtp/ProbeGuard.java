package org.chaperone.ingress.smtp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Slows down relay-address guessing. Relay addresses carry 128-bit tokens, so a client that has many
 * recipients refused within a window is probing, not mistyping: after {@code maxRefusals} refused RCPTs
 * within {@code window}, its further RCPTs get 450 4.7.1 (from any of its connections) until old refusals
 * leave the window. Shared by all connections; safe on any thread.
 */
public final class ProbeGuard {
    public static final int DEFAULT_MAX_REFUSALS = 20;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(ProbeGuard.class.getName());

    private final int maxRefusals;
    private final Duration window;
    private final Clock clock;
    private final ProbeListener listener;
    /** Per client, the times of its latest refusals inside the window (at most maxRefusals of them). */
    private final ConcurrentHashMap<String, ArrayDeque<Instant>> refusals = new ConcurrentHashMap<>();

    public ProbeGuard(int maxRefusals, Duration window, Clock clock, ProbeListener listener) {
        if (maxRefusals < 1) throw new IllegalArgumentException("maxRefusals must be at least 1");
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive");
        this.maxRefusals = maxRefusals;
        this.window = window;
        this.clock = clock;
        this.listener = listener;
    }

    /** 20 refusals in 10 minutes. */
    public static ProbeGuard withDefaults(ProbeListener listener) {
        return new ProbeGuard(DEFAULT_MAX_REFUSALS, DEFAULT_WINDOW, Clock.systemUTC(), listener);
    }

    /** True while the client has had {@code maxRefusals} recipients refused within the window. */
    public boolean blocked(String client) {
        Instant now = clock.instant();
        int[] count = {0};
        refusals.computeIfPresent(client, (key, times) -> {
            dropExpired(times, now);
            count[0] = times.size();
            return times.isEmpty() ? null : times;
        });
        return count[0] >= maxRefusals;
    }

    /** Counts one refused recipient; tells the listener when this one reaches the threshold. */
    public void refused(String client, String sessionId) {
        Instant now = clock.instant();
        int[] before = {0};
        int[] after = {0};
        refusals.compute(client, (key, times) -> {
            ArrayDeque<Instant> t = times != null ? times : new ArrayDeque<>();
            dropExpired(t, now);
            before[0] = t.size();
            t.addLast(now);
            while (t.size() > maxRefusals) t.removeFirst();
            after[0] = t.size();
            return t;
        });
        if (before[0] < maxRefusals && after[0] >= maxRefusals) {
            LOG.warning(() -> "smtp " + sessionId + " client " + client + " had " + after[0]
                    + " recipients refused within " + window + "; refusing its recipients with 450 4.7.1 for now");
            try {
                listener.probing(new ProbeListener.Probe(client, sessionId, after[0], window, now));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "probe listener failed", e);
            }
        }
    }

    /** Forgets clients with no refusal left inside the window; the server calls this now and then. */
    public void prune() {
        Instant now = clock.instant();
        for (String client : refusals.keySet()) {
            refusals.computeIfPresent(client, (key, times) -> {
                dropExpired(times, now);
                return times.isEmpty() ? null : times;
            });
        }
    }

    int trackedClients() {
        return refusals.size();
    }

    private void dropExpired(ArrayDeque<Instant> times, Instant now) {
        Instant cutoff = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) times.removeFirst();
    }
}
