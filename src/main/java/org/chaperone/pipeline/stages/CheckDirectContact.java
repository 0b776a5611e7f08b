package org.chaperone.pipeline.stages;

import org.chaperone.pipeline.Action;
import org.chaperone.pipeline.Channel;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Reason;
import org.chaperone.pipeline.Stage;

import java.util.List;
import java.util.Locale;

/**
 * A message to a relay address that also names the other participant's real address in To or Cc
 * sent a copy around the gateway: hold it, write it down, tell the sender.
 */
public final class CheckDirectContact implements Stage {
    @Override
    public void apply(Envelope e) {
        if (e.channel != Channel.EMAIL) return;
        String real = e.recipient.email().toLowerCase(Locale.ROOT);
        List<String> named = new java.util.ArrayList<>(e.content.headers().to());
        named.addAll(e.content.headers().cc());
        if (named.contains(real)) {
            e.reasons.add(new Reason("direct_contact",
                    "it was also addressed directly to " + e.recipient.name() + "'s own email address, outside the programme's relay",
                    Action.HOLD));
            e.incidents.add(new Envelope.IncidentNote("direct_contact_attempt",
                    e.sender.name() + " wrote to " + e.recipient.name() + "'s real email address as well as the relay address; the message was held."));
        }
    }
}
