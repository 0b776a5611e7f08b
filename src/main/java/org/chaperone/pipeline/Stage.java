package org.chaperone.pipeline;

/**
 * One step of the pipeline with one job. Runs on a virtual thread, so it may block (database,
 * Lucene); it either fills in the envelope or throws {@link Refusal} to refuse the message.
 */
public interface Stage {
    void apply(Envelope envelope);

    default String name() {
        return getClass().getSimpleName();
    }
}
