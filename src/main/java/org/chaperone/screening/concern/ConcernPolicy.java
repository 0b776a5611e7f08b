package org.chaperone.screening.concern;

import org.chaperone.pipeline.Action;
import org.chaperone.pipeline.Direction;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A programme's policy table: for each category and direction, what happens to the message and
 * whether the designated safeguarding lead and programme manager get an urgent alert.
 */
public final class ConcernPolicy {
    /** Signs of grooming: held when a mentor writes them. */
    public static final Set<Category> GROOMING_INDICATORS = Set.copyOf(EnumSet.of(
            Category.SECRECY, Category.MEETING_OFFLINE, Category.OFF_PLATFORM, Category.GIFTS_MONEY,
            Category.ROMANTIC_SEXUAL));
    /** A child telling someone they are at risk: never held, always an urgent alert. */
    public static final Set<Category> DISCLOSURES = Set.copyOf(EnumSet.of(Category.SELF_HARM, Category.ABUSE_DISCLOSURE));

    private final Map<Category, Map<Direction, PolicyRule>> rules;

    private ConcernPolicy(Map<Category, Map<Direction, PolicyRule>> rules) {
        this.rules = rules;
    }

    /**
     * The defaults: grooming indicators written by a mentor are held; a mentee's disclosure of
     * self-harm or abuse is delivered (a child's disclosure must not vanish), flagged, and raises an
     * urgent alert at once; everything else is delivered and flagged.
     */
    public static ConcernPolicy defaults() {
        Map<Category, Map<Direction, PolicyRule>> rules = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            Map<Direction, PolicyRule> byDirection = new EnumMap<>(Direction.class);
            for (Direction d : Direction.values()) byDirection.put(d, defaultRule(c, d));
            rules.put(c, byDirection);
        }
        return new ConcernPolicy(rules);
    }

    private static PolicyRule defaultRule(Category c, Direction d) {
        if (d == Direction.MENTOR_TO_MENTEE && GROOMING_INDICATORS.contains(c)) {
            return new PolicyRule(Action.HOLD, false);
        }
        if (d == Direction.MENTEE_TO_MENTOR && DISCLOSURES.contains(c)) {
            return new PolicyRule(Action.DELIVER_FLAGGED, true);
        }
        return new PolicyRule(Action.DELIVER_FLAGGED, false);
    }

    /** This policy with a programme's own rules in place of the ones they name. */
    public ConcernPolicy withOverrides(Map<Category, Map<Direction, PolicyRule>> overrides) {
        Map<Category, Map<Direction, PolicyRule>> copy = new EnumMap<>(Category.class);
        rules.forEach((c, m) -> copy.put(c, new EnumMap<>(m)));
        overrides.forEach((c, m) -> copy.get(c).putAll(m));
        return new ConcernPolicy(copy);
    }

    public PolicyRule ruleFor(Category category, Direction direction) {
        return rules.get(category).get(direction);
    }

    /**
     * What to do with a message with these concerns: the strictest action wins, and the alert is
     * urgent if any matched category's rule says so. No concerns means deliver.
     */
    public PolicyOutcome outcome(List<ConcernMatch> matches, Direction direction) {
        Action action = Action.DELIVER;
        Set<Category> urgent = EnumSet.noneOf(Category.class);
        for (ConcernMatch m : matches) {
            PolicyRule r = ruleFor(m.category(), direction);
            action = action.strictest(r.action());
            if (r.urgentAlert()) urgent.add(m.category());
        }
        return new PolicyOutcome(action, !urgent.isEmpty(), urgent, matches);
    }
}
