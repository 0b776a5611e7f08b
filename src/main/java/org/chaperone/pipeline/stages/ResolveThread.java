package org.chaperone.pipeline.stages;

import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Stage;
import org.chaperone.pipeline.Threading;

/**
 * Finds which stored message this one replies to, so the delivered copy threads on both sides
 * (In-Reply-To, then References when a client dropped In-Reply-To).
 */
public final class ResolveThread implements Stage {
    private final Threading threading;

    public ResolveThread(Threading threading) {
        this.threading = threading;
    }

    @Override
    public void apply(Envelope e) {
        var h = e.content.headers();
        String found = h.inReplyTo() == null ? null : threading.resolve(e.pairing.id(), firstId(h.inReplyTo()));
        for (int i = h.references().size() - 1; found == null && i >= 0; i--) {
            found = threading.resolve(e.pairing.id(), h.references().get(i));
        }
        e.inReplyToMessageId = found;
    }

    private static String firstId(String header) {
        int lt = header.indexOf('<'), gt = header.indexOf('>', lt + 1);
        return lt >= 0 && gt > lt ? header.substring(lt, gt + 1) : header.trim();
    }
}
