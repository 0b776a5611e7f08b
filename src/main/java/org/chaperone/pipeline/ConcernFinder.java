package org.chaperone.pipeline;

import java.util.List;

/** Finds concerning content in one text part (implemented by screening.concern with Lucene Monitor). */
public interface ConcernFinder {
    List<ConcernHit> find(TextPart part, Envelope envelope);

    /** What a programme does with a category of concern written in a direction. */
    interface Rules {
        Rule rule(String category, Direction direction, org.chaperone.registry.Programme programme);

        record Rule(Action action, boolean urgent) {}
    }
}
