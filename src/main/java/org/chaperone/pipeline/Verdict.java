package org.chaperone.pipeline;

import java.util.List;

/**
 * The decision about one message, stored with it so the review screen shows exactly why.
 * {@code redact}: contact details are replaced before delivery; {@code urgent}: the DSL is alerted.
 */
public record Verdict(Action action, List<Reason> reasons, List<ContactHit> contacts, List<ConcernHit> concerns,
                      boolean redact, boolean urgent) {
    public Verdict {
        reasons = List.copyOf(reasons);
        contacts = List.copyOf(contacts);
        concerns = List.copyOf(concerns);
    }

    public boolean held() {
        return action == Action.HOLD;
    }

    public boolean flagged() {
        return action != Action.DELIVER;
    }
}
