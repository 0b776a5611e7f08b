package org.chaperone.ingress.smtp;

import org.chaperone.testing.Await;
import org.chaperone.testing.Conversations;
import org.chaperone.testing.GatewayProcess;
import org.chaperone.testing.Smarthost;
import org.chaperone.testing.SteadyMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway process is killed with SIGKILL again and again while clients send steadily; every message
 * it answered 250 must reach the receiving server, in order per conversation, and the only duplicates
 * allowed are those the crashes left in doubt: a transaction whose answer the client never saw, and the
 * one delivery under way at each kill. {@code scripts/soak} runs more cycles
 * ({@code -Dchaperone.crash.cycles}).
 */
class CrashCyclesTest {
    private static final int CYCLES = Integer.getInteger("chaperone.crash.cycles", 5);
    private static final int CONVERSATIONS = Integer.getInteger("chaperone.crash.conversations", 4);

    @Test
    void everyAcknowledgedMessageIsDeliveredThroughRepeatedCrashes(@TempDir Path dir) {
        long seed = Long.getLong("chaperone.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        String run = "crash-" + Long.toHexString(seed);
        try (Smarthost smarthost = new Smarthost().start();
             GatewayProcess gateway = new GatewayProcess(dir.resolve("data"), smarthost.env()).start()) {
            List<Conversations.Conversation> conversations = Conversations.create(gateway.api(), "c", CONVERSATIONS);
            SteadyMail load = new SteadyMail(gateway.smtpPort(), run, conversations).start();
            List<Integer> inFlightPerKill = new ArrayList<>();
            long started = System.nanoTime();
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                // Kill after a random number of further acknowledgements, so kills land at different points.
                int target = load.acks() + 15 + random.nextInt(60);
                Await.condition("acknowledgements before kill " + cycle, Duration.ofSeconds(90), () -> load.acks() >= target);
                int before = load.inFlight().size();
                gateway.kill();
                gateway.start();
                Await.condition("the gateway to accept mail again after kill " + cycle, Duration.ofSeconds(60),
                        () -> load.acks() > target);
                inFlightPerKill.add(load.inFlight().size() - before);
                System.out.printf("cycle %d done at %d ms, %d acknowledged%n", cycle,
                        Duration.ofNanos(System.nanoTime() - started).toMillis(), load.acks());
            }
            int last = load.acks() + 20;
            Await.condition("mail after the last restart", Duration.ofSeconds(60), () -> load.acks() >= last);
            load.stop();

            Map<String, List<String>> acknowledged = load.acknowledged();
            Set<String> acked = new HashSet<>();
            acknowledged.values().forEach(acked::addAll);
            long drainStart = System.nanoTime();
            Await.condition("every acknowledged message at the smarthost (" + acked.size() + ")", Duration.ofSeconds(60),
                    () -> new HashSet<>(smarthost.subjectsInArrivalOrder()).containsAll(acked));
            long drained = Duration.ofNanos(System.nanoTime() - drainStart).toMillis();
            // Within a minute, not after the 2-minute outbox lease a crashed process held: a restarted node frees its leases.
            // What was in doubt may still arrive: wait until the gateway has nothing more to send for this run.
            Await.condition("deliveries to settle", Duration.ofSeconds(60), settled(smarthost));

            List<String> arrivals = smarthost.subjectsInArrivalOrder().stream().filter(s -> s != null && s.startsWith(run)).toList();
            Map<String, Integer> counts = new HashMap<>();
            arrivals.forEach(s -> counts.merge(s, 1, Integer::sum));
            int duplicates = counts.values().stream().mapToInt(c -> c - 1).sum();
            Set<String> lost = new HashSet<>(acked);
            lost.removeAll(counts.keySet());
            int inFlight = load.inFlight().size();

            System.out.printf("crash cycles: %d kills (seed %d); messages sent %d (attempts %d, 451 %d, no connection %d); "
                            + "acknowledged %d; delivered %d distinct, %d copies; duplicates %d; in flight at kills %s; lost %d; all delivered %d ms after the load stopped%n",
                    CYCLES, seed, load.messages(), load.attempts(), load.temporaryRefusals(), load.notConnected(),
                    acked.size(), counts.size(), arrivals.size(), duplicates, inFlightPerKill, lost.size(), drained);

            assertEquals(Set.of(), lost, "acknowledged messages that never arrived");
            assertEquals(List.of(), load.permanentRefusals(), "nothing in this load should be refused for good");
            assertTrue(duplicates <= inFlight + CYCLES, "duplicates " + duplicates + " exceed what was in doubt: "
                    + inFlight + " unanswered transactions + one delivery under way at each of " + CYCLES + " kills");
            for (Conversations.Conversation c : conversations) {
                List<Integer> firstArrivals = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (String s : arrivals) {
                    if (s.startsWith(run + " " + c.name() + " #") && seen.add(s)) firstArrivals.add(SteadyMail.seqOf(s));
                }
                List<Integer> sorted = new ArrayList<>(firstArrivals);
                sorted.sort(null);
                assertEquals(sorted, firstArrivals, "conversation " + c.name() + " arrived out of order");
            }
        }
    }

    /** True once two looks a moment apart see the same number of arrivals. */
    private static java.util.function.Supplier<Boolean> settled(Smarthost smarthost) {
        int[] last = {-1};
        long[] since = {0};
        return () -> {
            int now = smarthost.all().length;
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - since[0] > Duration.ofSeconds(3).toNanos();
        };
    }
}
