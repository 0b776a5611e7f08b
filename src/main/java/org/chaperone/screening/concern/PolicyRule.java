package org.chaperone.screening.concern;

import org.chaperone.pipeline.Action;

import java.util.Objects;

/** What a programme does with one category of concern in one direction. */
public record PolicyRule(Action action, boolean urgentAlert) {
    public PolicyRule {
        Objects.requireNonNull(action, "action");
    }
}
