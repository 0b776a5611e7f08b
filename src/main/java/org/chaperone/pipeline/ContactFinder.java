package org.chaperone.pipeline;

import java.util.List;

/** Finds personal contact details in one text part (implemented by screening.contact). */
public interface ContactFinder {
    List<ContactHit> find(TextPart part, Envelope envelope);
}
