package org.chaperone.pipeline.stages;

import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Stage;
import org.chaperone.pipeline.Threading;

/**
 * Finds which stored message this one replies to, so the delivered copy threads on both sides
 * (In-Reply-To, then References when a client dropped In-Reply-To).
 */
public final class ResolveThread implements Stage {
    /**
     * References read from the end: the parent is the last one, and a client that dropped In-Reply-To still lists
     * it there. A message may carry a hundred; each one not ours costs a read of the pairing's messages.
     */
    static final int REFERENCES_READ = 10;

    private final Threading threading;

    public ResolveThread(Threading threading) {
        this.threading = threading;
    }

    @Override
    public void apply(Envelope e) {
        var h = e.content.headers();
        String found = h.inReplyTo() == null ? null : threading.resolve(e.pairing.id(), firstId(h.inReplyTo()));
        int last = h.references().size() - 1;
        for (int i = last; found == null && i >= 0 && i > last - REFERENCES_READ; i--) {
            found = threading.resolve(e.pairing.id(), h.references().get(i));
        }
        e.inReplyToMessageId = found;
    }

    private static String firstId(String header) {
        int lt = header.indexOf('<'), gt = header.indexOf('>', lt + 1);
        return lt >= 0 && gt > lt ? header.substring(lt, gt + 1) : header.trim();
    }
}
