package org.chaperone.delivery;

import org.chaperone.testing.Await;
import org.chaperone.testing.Conversations;
import org.chaperone.testing.Smarthost;
import org.chaperone.testing.SteadyMail;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smarthost goes away for a long while under steady load and comes back: everything acknowledged
 * meanwhile is delivered, in order per conversation, and nobody is told their mail failed. The suite
 * runs a compressed outage (60 s, retries every 1–2 s); {@code scripts/soak} a longer one
 * ({@code -Dchaperone.outage.seconds}).
 */
class SmarthostOutageTest {
    private static final int OUTAGE_SECONDS = Integer.getInteger("chaperone.outage.seconds", 60);

    @Test
    void everythingQueuedDuringALongOutageIsDeliveredInOrderWhenTheSmarthostReturns() {
        String run = "outage-" + Long.toHexString(System.nanoTime());
        try (Smarthost smarthost = new Smarthost().start()) {
            TestGateway.Builder b = TestGateway.builder();
            smarthost.env().forEach(b::env);
            try (TestGateway gw = b.start()) {
                List<Conversations.Conversation> conversations = Conversations.create(gw.api(), "o", 3);
                SteadyMail load = new SteadyMail(gw.gateway().smtpPort(), run, conversations).start();
                Await.condition("mail flowing before the outage", Duration.ofSeconds(30), () -> load.acks() >= 15);
                List<String> arrivals = new ArrayList<>(smarthost.subjectsInArrivalOrder());
                smarthost.stop();
                int ackedAtStop = load.acks();
                long outageEnds = System.nanoTime() + Duration.ofSeconds(OUTAGE_SECONDS).toNanos();
                Await.condition("the outage to last " + OUTAGE_SECONDS + " s", Duration.ofSeconds(OUTAGE_SECONDS + 30),
                        () -> System.nanoTime() >= outageEnds);
                int ackedDuringOutage = load.acks() - ackedAtStop;
                long failedAttempts = gw.gateway().outbox().all().stream().filter(d -> d.getInteger("attempts", 0) > 0).count();
                smarthost.start();
                load.stop();

                Map<String, List<String>> acknowledged = load.acknowledged();
                Set<String> acked = new HashSet<>();
                acknowledged.values().forEach(acked::addAll);
                long drainStart = System.nanoTime();
                Await.condition("every acknowledged message delivered after the outage", Duration.ofSeconds(120), () -> {
                    Set<String> got = new HashSet<>(arrivals);
                    got.addAll(smarthost.subjectsInArrivalOrder());
                    return got.containsAll(acked);
                });
                long drained = Duration.ofNanos(System.nanoTime() - drainStart).toMillis();
                arrivals.addAll(smarthost.subjectsInArrivalOrder());
                List<String> ours = arrivals.stream().filter(s -> s != null && s.startsWith(run)).toList();
                System.out.printf("smarthost outage: %d s; acknowledged %d (%d during the outage, %d entries retried); "
                                + "delivered %d distinct, %d copies; drained %d ms after it returned%n",
                        OUTAGE_SECONDS, acked.size(), ackedDuringOutage, failedAttempts, new HashSet<>(ours).size(), ours.size(), drained);

                assertTrue(ackedDuringOutage > 0, "mail kept being accepted while the smarthost was away");
                assertTrue(failedAttempts > 0, "deliveries were tried and failed during the outage");
                assertEquals(List.of(), load.permanentRefusals());
                for (Conversations.Conversation c : conversations) {
                    List<String> sent = acknowledged.get(c.name());
                    List<String> got = new ArrayList<>(new LinkedHashSet<>(ours.stream()
                            .filter(s -> s.startsWith(run + " " + c.name() + " #")).toList()));
                    got.retainAll(new HashSet<>(sent));
                    assertEquals(sent, got, "conversation " + c.name() + ": delivered in the order acknowledged");
                }
                assertEquals(0, gw.gateway().store().collection(org.chaperone.pipeline.Messages.COLLECTION).countDocuments(
                        new org.bson.Document("state", org.chaperone.pipeline.Messages.State.FAILED.wireName())),
                        "no message was given up on");
            }
        }
    }
}
