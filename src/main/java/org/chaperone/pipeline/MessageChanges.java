package org.chaperone.pipeline;

import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.chaperone.store.Seq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * How derived data (the search index) follows changes to stored messages. Every write to a stored
 * message carries {@link #stamp()}, a fresh {@code updatedSeq}, so a reader that polls
 * {@code updatedSeq > last} sees every change, from any node, after any crash. In this process the
 * writer also calls {@link #changed}, so the reader need not wait for its next poll.
 */
public final class MessageChanges {
    /** The monotonic field every insert and update of a message sets (see {@link org.chaperone.store.Seq}). */
    public static final String FIELD = "updatedSeq";
    private static final Logger LOG = Logger.getLogger(MessageChanges.class.getName());

    /** Hears of a changed message: its id, and the message as stored now when the writer has it at hand (else null). */
    @FunctionalInterface
    public interface Listener {
        void changed(String messageId, Document stored);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** The part of an update that marks the message as changed; combine it with every update of a message. */
    public static Bson stamp() {
        return Updates.set(FIELD, Seq.next());
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /** Tells listeners that the message changed (or was deleted). Never throws: the change is stored already. */
    public void changed(String messageId) {
        changed(messageId, null);
    }

    /**
     * Tells listeners that the message changed, handing them the message as it was written or as the update
     * returned it (with its {@link #FIELD}), so they need not read it back. {@code stored} may be null.
     */
    public void changed(String messageId, Document stored) {
        for (Listener l : listeners) {
            try {
                l.changed(messageId, stored);
            } catch (RuntimeException e) {
                LOG.warning("a listener for message changes failed on " + messageId + ": " + e);
            }
        }
    }
}
