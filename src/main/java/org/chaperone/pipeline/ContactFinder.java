package org.chaperone.pipeline;

import java.util.List;

/** Finds personal contact details in one text part (implemented by screening.contact). */
public interface ContactFinder {
    Found find(TextPart part, Envelope envelope);

    /** {@code complete} is false when a detector could not finish: the message is then held, never passed as clean. */
    record Found(List<ContactHit> hits, boolean complete) {
        public static final Found NONE = new Found(List.of(), true);
    }
}
