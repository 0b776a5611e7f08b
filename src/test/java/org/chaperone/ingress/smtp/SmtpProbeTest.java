package org.chaperone.ingress.smtp;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A client guessing relay addresses is slowed down across its connections and reported. */
class SmtpProbeTest {

    @Test
    void afterTooManyRefusedRecipientsTheClientGets450AndAnIncidentIsReported() {
        TestClock clock = new TestClock();
        List<ProbeListener.Probe> probes = new CopyOnWriteArrayList<>();
        ProbeGuard guard = new ProbeGuard(3, Duration.ofMinutes(10), clock, probes::add);
        try (SmtpFixture smtp = SmtpFixture.settings().maxRecipients(10).probeGuard(guard).start()) {
            try (RawSmtpClient c = greeted(smtp)) {
                c.expect("MAIL FROM:<prober@example.org>", "250");
                c.expect("RCPT TO:<aaaa@relay.test.example>", "550 5.1.1");
                c.expect("RCPT TO:<aaab@relay.test.example>", "550 5.1.1");
                c.expect("RCPT TO:<aaac@relay.test.example>", "550 5.1.1");
                c.expect("RCPT TO:<abc@relay.test>", "450 4.7.1"); // even a real address: no oracle
            }
            try (RawSmtpClient c = greeted(smtp)) {
                c.expect("MAIL FROM:<prober@example.org>", "250");
                c.expect("RCPT TO:<abc@relay.test>", "450 4.7.1");
            }
            assertEquals(1, probes.size());
            assertEquals("127.0.0.1", probes.getFirst().client());
            assertEquals(3, probes.getFirst().refusedRecipients());

            clock.advance(Duration.ofMinutes(11));
            try (RawSmtpClient c = greeted(smtp)) {
                c.expect("MAIL FROM:<sender@example.org>", "250");
                c.expect("RCPT TO:<abc@relay.test>", "250");
            }
        }
    }

    private static RawSmtpClient greeted(SmtpFixture smtp) {
        RawSmtpClient c = smtp.connect();
        c.expectReply("220");
        c.expect("EHLO client.example", "250");
        return c;
    }
}
