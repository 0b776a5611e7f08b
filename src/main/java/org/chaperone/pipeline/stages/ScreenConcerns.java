package org.chaperone.pipeline.stages;

import org.chaperone.pipeline.ConcernFinder;
import org.chaperone.pipeline.ConcernHit;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Reason;
import org.chaperone.pipeline.Stage;
import org.chaperone.pipeline.TextPart;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Matches every text part against the concern library; each category found adds a reason whose
 * action (and urgency) comes from the programme's policy for that category and direction.
 */
public final class ScreenConcerns implements Stage {
    private final ConcernFinder finder;
    private final ConcernFinder.Rules rules;

    public ScreenConcerns(ConcernFinder finder, ConcernFinder.Rules rules) {
        this.finder = finder;
        this.rules = rules;
    }

    @Override
    public void apply(Envelope e) {
        for (TextPart part : e.parts) e.concerns.addAll(finder.find(part, e));
        Map<String, String> categories = new LinkedHashMap<>();
        for (ConcernHit hit : e.concerns) categories.putIfAbsent(hit.category(), hit.severity());
        categories.forEach((category, severity) -> {
            ConcernFinder.Rules.Rule rule = rules.rule(category, e.direction, e.programme);
            if (rule.urgent()) e.urgent = true;
            e.reasons.add(new Reason("concern:" + category,
                    "it may raise a safeguarding concern (" + category.replace('_', ' ') + ", " + severity + ")",
                    rule.action()));
        });
    }
}
