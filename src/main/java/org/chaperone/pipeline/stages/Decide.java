package org.chaperone.pipeline.stages;

import org.chaperone.pipeline.Action;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Reason;
import org.chaperone.pipeline.Stage;
import org.chaperone.pipeline.Verdict;
import org.chaperone.registry.Registry;
import org.chaperone.registry.User;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the reasons found into the verdict (the strictest action wins), decides who is copied (the
 * programme managers, whenever the mentee is under 18 on the day or an adult at risk), and tells
 * the sender when a message is held.
 */
public final class Decide implements Stage {
    private final Registry registry;

    public Decide(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void apply(Envelope e) {
        Action action = Action.DELIVER;
        for (Reason r : e.reasons) action = action.strictest(r.action());
        e.verdict = new Verdict(action, e.reasons, e.contacts, e.concerns, e.redact && action != Action.HOLD, e.urgent);
        e.copies = e.pairing.needsManagerCopy(e.receivedAt, e.programme.policy().zone()) ? managers(e) : List.of();
        if (e.verdict.held() && !e.automatic) {
            List<String> why = e.reasons.stream().filter(r -> r.action() == Action.HOLD).map(Reason::detail).toList();
            e.notices.add(new Envelope.Notice("Your message to " + e.recipient.name() + " is waiting for review",
                    "Your message to " + e.recipient.name() + " (subject: \"" + e.content.subject() + "\") has not been delivered yet.\n\n"
                            + "It was held for the programme team to review because " + String.join("; and ", why) + ".\n\n"
                            + "A programme manager will look at it. If it is released it will be delivered as usual; "
                            + "if not, you will be told which rule it broke.\n\n"
                            + "Thank you for helping keep mentoring safe.\n"));
        }
    }

    private List<User> managers(Envelope e) {
        List<User> out = new ArrayList<>();
        for (String id : e.pairing.managerIds()) {
            registry.users.find(e.pairing.organisationId(), id).filter(User::active).ifPresent(out::add);
        }
        return out;
    }
}
