package org.chaperone.review;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.chaperone.delivery.Composer;
import org.chaperone.gateway.Gateway;
import org.chaperone.pipeline.Messages;
import org.chaperone.registry.User;
import org.chaperone.testing.Demo;
import org.chaperone.testing.Maildir;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A release whose follow-up was cut off (the process stopped after the claim) is completed at the next start, once. */
class DecisionRecoveryTest {
    @Test
    void anInterruptedReleaseIsDeliveredAfterARestartExactlyOnce() {
        try (TestGateway gw = TestGateway.start()) {
            ReviewFixture f = new ReviewFixture(gw);
            String marker = ReviewFixture.marker();
            String id = f.heldFromAlex(marker, Duration.ofMinutes(5));

            Gateway g = gw.gateway();
            Decisions decisions = new Decisions(g.store(), g.registry(), g.incidents(), g.outbox(),
                    new Composer(g.config().delivery().senderAddress(), g.config().relay().domain()), g.alerts(), g.clock(), () -> {});
            User manager = g.registry().activeUsersByEmail(Demo.email("manager")).getFirst();
            Document message = g.store().collection(Messages.COLLECTION).find(Filters.eq("_id", id)).first();
            Instant now = g.clock().instant();
            assertNotNull(decisions.claim(message, Decision.RELEASE, Decisions.followUp(manager, Decision.RELEASE, null, now), now));
            g.store().awaitDurable();
            // Stopped here: the item is released, but nothing was queued for delivery and nothing recorded.
            assertTrue(g.outbox().all().stream().noneMatch(e -> id.equals(e.getString("messageId"))));

            gw.restart(Clock.systemUTC());
            Maildir maildir = new Maildir(gw.dataDir());
            maildir.awaitContaining(Demo.email("mentee.ruby"), marker);
            assertEquals(1, released(gw, id));
            Document after = gw.gateway().store().collection(Messages.COLLECTION).find(Filters.eq("_id", id)).first();
            assertEquals(List.of(), after.get("review", Document.class).getList("pending", Document.class));

            gw.restart(Clock.systemUTC());
            assertEquals(1, released(gw, id), "nothing is done twice");
            assertEquals(1, maildir.raw(Demo.email("mentee.ruby")).stream()
                    .filter(raw -> Maildir.readable(Maildir.parse(raw)).contains(marker)).count());
        }
    }

    @Test
    void theNextDecisionOnTheItemFinishesAFollowUpThatFailedEarlier() {
        try (TestGateway gw = TestGateway.start()) {
            ReviewFixture f = new ReviewFixture(gw);
            String marker = ReviewFixture.marker();
            String id = f.heldFromAlex(marker, Duration.ofMinutes(5));
            Gateway g = gw.gateway();
            Decisions decisions = new Decisions(g.store(), g.registry(), g.incidents(), g.outbox(),
                    new Composer(g.config().delivery().senderAddress(), g.config().relay().domain()), g.alerts(), g.clock(), () -> {});
            User manager = g.registry().activeUsersByEmail(Demo.email("manager")).getFirst();
            Document message = g.store().collection(Messages.COLLECTION).find(Filters.eq("_id", id)).first();
            Instant now = g.clock().instant();
            assertNotNull(decisions.claim(message, Decision.RELEASE, Decisions.followUp(manager, Decision.RELEASE, null, now), now));

            // The manager, told of a failure, tries again: the release they made is completed, and they are told it was made.
            org.chaperone.testing.Api.Response again = f.decide(f.manager, id, "release", null);
            assertEquals(409, again.status());
            assertTrue(again.json().getString("message").startsWith("This item was already released by Priya Shah"), again.toString());
            new Maildir(gw.dataDir()).awaitContaining(Demo.email("mentee.ruby"), marker);
            assertEquals(1, released(gw, id));
        }
    }

    private static long released(TestGateway gw, String id) {
        return gw.gateway().store().collection(org.chaperone.review.Incidents.COLLECTION)
                .countDocuments(Filters.and(Filters.eq("messageId", id), Filters.eq("type", "message_released")));
    }
}
