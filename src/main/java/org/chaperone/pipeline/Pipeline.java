package org.chaperone.pipeline;

import java.util.List;
import java.util.function.Consumer;

/**
 * The path of every message, whatever channel it came in by. The stages run in the order given
 * at assembly ({@link org.chaperone.gateway.PipelineAssembly} shows the whole list in one place);
 * a {@link Refusal} from any stage stops the message. After the store stage the message is durable,
 * and the listeners (the search index, …) hear of it.
 */
public final class Pipeline {
    private final List<Stage> admission;
    private final List<Stage> stages;
    private final List<Consumer<Envelope>> afterStore;

    /**
     * @param admission  the stages that decide whether a recipient is acceptable at all (run at SMTP RCPT time too)
     * @param stages     the full path, including the admission stages, ending with the store stage
     * @param afterStore told of every stored message; failures there never undo the acceptance
     */
    public Pipeline(List<Stage> admission, List<Stage> stages, List<Consumer<Envelope>> afterStore) {
        this.admission = List.copyOf(admission);
        this.stages = List.copyOf(stages);
        this.afterStore = List.copyOf(afterStore);
    }

    /** Would a message from this sender to this recipient be admitted? Throws the refusal if not. */
    public void admit(Envelope envelope) {
        for (Stage s : admission) s.apply(envelope);
    }

    /** Runs the whole path; returns once the message is durably stored. */
    public Envelope process(Envelope envelope) {
        for (Stage s : stages) s.apply(envelope);
        for (Consumer<Envelope> listener : afterStore) {
            try {
                listener.accept(envelope);
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(Pipeline.class.getName())
                        .warning("after-store step failed for message " + envelope.messageId + ": " + e);
            }
        }
        return envelope;
    }

    public List<String> stageNames() {
        return stages.stream().map(Stage::name).toList();
    }
}
