package org.chaperone.ingress.smtp;

import java.time.Duration;
import java.time.Instant;

/**
 * Told when one client has had too many recipients refused: someone guessing relay addresses. The gateway
 * records an incident. Called on an event loop, once per crossing of the threshold, so it must not block.
 */
@FunctionalInterface
public interface ProbeListener {

    /** @param client the client's IP address (IPv6: its /64), as {@link ProbeGuard} counts it */
    record Probe(String client, String sessionId, int refusedRecipients, Duration window, Instant at) {}

    void probing(Probe probe);
}
