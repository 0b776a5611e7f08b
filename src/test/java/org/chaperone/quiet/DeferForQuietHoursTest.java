package org.chaperone.quiet;

import com.mongodb.client.model.Filters;
import org.chaperone.pipeline.Action;
import org.chaperone.pipeline.Channel;
import org.chaperone.pipeline.Direction;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.MessageContent;
import org.chaperone.pipeline.Reason;
import org.chaperone.pipeline.Verdict;
import org.chaperone.pipeline.stages.DeferForQuietHours;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.Registry;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quiet-hours stage on its own, against the real store: held and automatic messages. */
class DeferForQuietHoursTest {
    static TestGateway gw;
    static DeferForQuietHours stage;
    static Pairing pairing;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        stage = new DeferForQuietHours(new QuietNights(gw.gateway().store()));
        pairing = gw.gateway().registry().pairings.findAcrossOrganisations(Filters.exists("_id")).getFirst();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    Envelope envelope(Instant at, Action action) {
        Registry r = gw.gateway().registry();
        Envelope e = new Envelope(Channel.WEB, at, null, null, null, null);
        e.pairing = pairing;
        e.programme = r.programmes.find(pairing.organisationId(), pairing.programmeId()).orElseThrow();
        e.sender = r.users.find(pairing.organisationId(), pairing.mentorId()).orElseThrow();
        e.recipient = r.users.find(pairing.organisationId(), pairing.menteeId()).orElseThrow();
        e.direction = Direction.MENTOR_TO_MENTEE;
        e.content = MessageContent.text("", "hello");
        if (action == Action.HOLD) e.reasons.add(new Reason("contact_details", "it contained a phone number", Action.HOLD));
        e.verdict = new Verdict(action, e.reasons, List.of(), List.of(), false, false);
        return e;
    }

    static Instant london(String t) {
        return LocalDateTime.parse(t).atZone(java.time.ZoneId.of("Europe/London")).toInstant();
    }

    @Test
    void aHeldMessageIsNotDeferredButStillCounts() {
        Envelope held = envelope(london("2026-06-01T23:00"), Action.HOLD);
        stage.apply(held);
        assertNull(held.deliverAfter, "its release decides when it goes; it is not deferred twice");
        assertTrue(held.notices.isEmpty(), "the held notice already told the sender");
        assertEquals(Action.HOLD, held.verdict.action());

        Envelope next = envelope(london("2026-06-01T23:05"), Action.DELIVER);
        stage.apply(next);
        assertEquals(london("2026-06-02T07:00"), next.deliverAfter);
        assertEquals(1, next.notices.size(), "the first message that waits brings the notice");
    }

    @Test
    void anAutomaticReplyWaitsSilentlyAndIsNotCounted() {
        Envelope auto = envelope(london("2026-06-03T22:00"), Action.DELIVER);
        auto.automatic = true;
        stage.apply(auto);
        assertEquals(london("2026-06-04T07:00"), auto.deliverAfter);
        assertTrue(auto.notices.isEmpty());
        assertEquals(0, gw.gateway().store().collection(QuietNights.COLLECTION)
                .countDocuments(Filters.eq("night", "2026-06-03")));
    }

    @Test
    void daytimeMessagesAreUntouched() {
        Envelope day = envelope(london("2026-06-05T10:00"), Action.DELIVER);
        stage.apply(day);
        assertNull(day.deliverAfter);
        assertTrue(day.reasons.isEmpty());
        assertEquals(Action.DELIVER, day.verdict.action());
    }
}
