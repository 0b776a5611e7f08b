package org.chaperone.screening.concern;

import org.chaperone.pipeline.Action;
import org.chaperone.pipeline.Direction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConcernPolicyTest {
    private final ConcernPolicy defaults = ConcernPolicy.defaults();

    private static ConcernMatch match(Category c) {
        return new ConcernMatch(c, Severity.HIGH, c.wireName() + ".q", "q", List.of());
    }

    @Test
    void groomingIndicatorsFromAMentorAreHeld() {
        for (Category c : List.of(Category.SECRECY, Category.MEETING_OFFLINE, Category.OFF_PLATFORM,
                Category.GIFTS_MONEY, Category.ROMANTIC_SEXUAL)) {
            assertEquals(new PolicyRule(Action.HOLD, false), defaults.ruleFor(c, Direction.MENTOR_TO_MENTEE), c.wireName());
            assertEquals(Action.DELIVER_FLAGGED, defaults.ruleFor(c, Direction.MENTEE_TO_MENTOR).action(), c.wireName());
        }
    }

    @Test
    void aMenteesDisclosureIsDeliveredAndRaisesAnUrgentAlert() {
        for (Category c : List.of(Category.SELF_HARM, Category.ABUSE_DISCLOSURE)) {
            PolicyRule r = defaults.ruleFor(c, Direction.MENTEE_TO_MENTOR);
            assertTrue(r.urgentAlert(), c.wireName());
            assertTrue(r.action() != Action.HOLD, "a child's disclosure must not vanish");
        }
    }

    @Test
    void everythingElseIsDeliveredAndFlagged() {
        for (Category c : List.of(Category.SUBSTANCES, Category.DISCRIMINATION_BULLYING, Category.RECORDING)) {
            for (Direction d : Direction.values()) {
                assertEquals(new PolicyRule(Action.DELIVER_FLAGGED, false), defaults.ruleFor(c, d), c + " " + d);
            }
        }
        assertEquals(new PolicyRule(Action.DELIVER_FLAGGED, false), defaults.ruleFor(Category.SELF_HARM, Direction.MENTOR_TO_MENTEE));
    }

    @Test
    void theStrictestActionWinsAndAnyUrgentRuleRaisesTheAlert() {
        PolicyOutcome none = defaults.outcome(List.of(), Direction.MENTOR_TO_MENTEE);
        assertEquals(Action.DELIVER, none.action());
        assertFalse(none.urgentAlert());

        PolicyOutcome mentor = defaults.outcome(List.of(match(Category.SUBSTANCES), match(Category.SECRECY)), Direction.MENTOR_TO_MENTEE);
        assertEquals(Action.HOLD, mentor.action());
        assertFalse(mentor.urgentAlert());

        PolicyOutcome mentee = defaults.outcome(List.of(match(Category.SECRECY), match(Category.SELF_HARM)), Direction.MENTEE_TO_MENTOR);
        assertEquals(Action.DELIVER_FLAGGED, mentee.action());
        assertTrue(mentee.urgentAlert());
        assertEquals(Set.of(Category.SELF_HARM), mentee.urgentCategories());
    }

    @Test
    void aProgrammeCanOverrideRulesAndTheRestStayDefault() {
        ConcernPolicy strict = defaults.withOverrides(Map.of(
                Category.SUBSTANCES, Map.of(Direction.MENTOR_TO_MENTEE, new PolicyRule(Action.HOLD, false)),
                Category.RECORDING, Map.of(Direction.MENTEE_TO_MENTOR, new PolicyRule(Action.DELIVER, false))));
        assertEquals(Action.HOLD, strict.ruleFor(Category.SUBSTANCES, Direction.MENTOR_TO_MENTEE).action());
        assertEquals(Action.DELIVER_FLAGGED, strict.ruleFor(Category.SUBSTANCES, Direction.MENTEE_TO_MENTOR).action());
        assertEquals(Action.DELIVER, strict.ruleFor(Category.RECORDING, Direction.MENTEE_TO_MENTOR).action());
        assertEquals(Action.DELIVER_FLAGGED, defaults.ruleFor(Category.SUBSTANCES, Direction.MENTOR_TO_MENTEE).action(),
                "the defaults are not changed");
    }
}
