package org.chaperone.ingress.smtp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps open connections in total and per client, so a flood or one slow sender opening many
 * connections cannot starve everyone else. Safe on any thread.
 */
final class ConnectionGate {
    enum Admission { ADMITTED, SERVER_FULL, CLIENT_FULL }

    private final int max;
    private final int maxPerClient;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> perClient = new ConcurrentHashMap<>();

    ConnectionGate(int max, int maxPerClient) {
        this.max = max;
        this.maxPerClient = maxPerClient;
    }

    Admission admit(String client) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return Admission.SERVER_FULL;
        }
        boolean[] admitted = {false};
        perClient.compute(client, (key, n) -> {
            int count = n == null ? 0 : n;
            if (count >= maxPerClient) return n;
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
            return Admission.CLIENT_FULL;
        }
        return Admission.ADMITTED;
    }

    /** Once for every admitted connection, when it closes. */
    void release(String client) {
        open.decrementAndGet();
        perClient.computeIfPresent(client, (key, n) -> n <= 1 ? null : n - 1);
    }

    int open() {
        return open.get();
    }
}
