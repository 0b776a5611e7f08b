package org.chaperone.ingress.smtp;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Relay-address probing: counted per client, in a sliding window, reported once, answered 450 4.7.1. */
class ProbeGuardTest {
    private final TestClock clock = new TestClock();
    private final List<ProbeListener.Probe> probes = new CopyOnWriteArrayList<>();
    private final ProbeGuard guard = new ProbeGuard(3, Duration.ofMinutes(10), clock, probes::add);

    @Test
    void theThresholdBlocksAndIsReportedOnce() {
        guard.refused("192.0.2.7", "s1");
        guard.refused("192.0.2.7", "s1");
        assertFalse(guard.blocked("192.0.2.7"));
        guard.refused("192.0.2.7", "s2");
        assertTrue(guard.blocked("192.0.2.7"));
        assertFalse(guard.blocked("192.0.2.8"), "other clients are not affected");
        guard.refused("192.0.2.7", "s2");
        assertEquals(1, probes.size());
        ProbeListener.Probe p = probes.getFirst();
        assertEquals("192.0.2.7", p.client());
        assertEquals("s2", p.sessionId());
        assertEquals(3, p.refusedRecipients());
        assertEquals(Duration.ofMinutes(10), p.window());
    }

    @Test
    void refusalsLeaveTheWindowAndTheClientIsForgotten() {
        guard.refused("192.0.2.7", "s1");
        clock.advance(Duration.ofMinutes(6));
        guard.refused("192.0.2.7", "s1");
        guard.refused("192.0.2.7", "s1");
        assertTrue(guard.blocked("192.0.2.7"));
        clock.advance(Duration.ofMinutes(5)); // the first refusal is now 11 minutes old
        assertFalse(guard.blocked("192.0.2.7"));
        clock.advance(Duration.ofMinutes(10));
        guard.prune();
        assertEquals(0, guard.trackedClients());
    }

    @Test
    void ipv6ClientsCountByTheirSlash64() {
        assertEquals("2001:db8:1:2:0:0:0:0/64", ClientAddress.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals(ClientAddress.key("2001:db8:1:2::1"), ClientAddress.key("2001:db8:1:2::ffff"));
        assertEquals("192.0.2.7", ClientAddress.key("192.0.2.7"));
        assertEquals("192.0.2.7", ClientAddress.key("::ffff:192.0.2.7"));
    }
}
