package org.chaperone.screening.concern;

import org.chaperone.pipeline.Action;

import java.util.List;
import java.util.Set;

/**
 * The combined decision for one message's concerns: the strictest action of the matched
 * categories, and an urgent alert if any of their rules asks for one (with the categories that
 * asked, for the alert's text).
 */
public record PolicyOutcome(Action action, boolean urgentAlert, Set<Category> urgentCategories,
                            List<ConcernMatch> matches) {
    public PolicyOutcome {
        urgentCategories = Set.copyOf(urgentCategories);
        matches = List.copyOf(matches);
    }
}
