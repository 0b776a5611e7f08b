package org.chaperone.pipeline.stages;

import org.chaperone.pipeline.Action;
import org.chaperone.pipeline.Direction;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Reason;
import org.chaperone.pipeline.Stage;
import org.chaperone.pipeline.Verdict;
import org.chaperone.quiet.QuietHoursWindow;
import org.chaperone.quiet.QuietNights;
import org.chaperone.registry.ProgrammePolicy;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Quiet hours, after the decision: a message written in the programme's quiet hours, in any channel, is
 * stored now and delivered when they end ({@link Envelope#deliverAfter}); the sender is told once per night.
 * A mentor's {@code flagAfter}-th message of a night, and each after it, is flagged to the programme manager.
 *
 * <p>Only the delivery of this message waits. Notices to the sender and urgent safeguarding alerts are
 * separate outbox entries and go at once. A held message is not deferred here: it waits for review, and
 * its release decides then whether it is quiet hours ({@link QuietHoursWindow#deliverAfter}).
 */
public final class DeferForQuietHours implements Stage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm 'on' EEEE d MMMM", Locale.UK);
    private final QuietNights nights;

    public DeferForQuietHours(QuietNights nights) {
        this.nights = nights;
    }

    @Override
    public void apply(Envelope e) {
        ProgrammePolicy policy = e.programme.policy();
        ProgrammePolicy.QuietHours hours = policy.quietHours();
        Optional<QuietHoursWindow.Night> night = QuietHoursWindow.at(e.receivedAt, policy.zone(), hours);
        if (night.isEmpty()) return;
        boolean held = e.verdict.held();
        if (!held) {
            e.deliverAfter = night.get().ends();
            e.reasons.add(new Reason("quiet_hours", "it was sent during quiet hours and waits until "
                    + WHEN.format(night.get().ends().atZone(policy.zone())), Action.DELIVER));
        }
        if (!e.automatic) {
            int count = nights.countMessage(e.pairing.organisationId(), e.sender.id(), night.get().began(), night.get().ends());
            if (e.direction == Direction.MENTOR_TO_MENTEE && count >= hours.flagAfter()) {
                e.reasons.add(new Reason("quiet_hours_persistent", e.sender.name() + " has written " + count
                        + " messages during quiet hours tonight (the programme flags " + hours.flagAfter() + " or more)",
                        Action.DELIVER_FLAGGED));
                if (count == hours.flagAfter()) {
                    e.incidents.add(new Envelope.IncidentNote("quiet_hours_persistent", e.sender.name() + " kept writing to "
                            + e.recipient.name() + " during quiet hours: " + count + " messages in the night of "
                            + night.get().began() + "; flagged to the programme manager."));
                }
            }
            if (!held && nights.claimNotice(e.sender.id(), night.get().began())) e.notices.add(notice(e, night.get(), policy.zone()));
        }
        Action action = e.verdict.action();
        for (Reason r : e.reasons) action = action.strictest(r.action());
        e.verdict = new Verdict(action, e.reasons, e.contacts, e.concerns, e.verdict.redact(), e.verdict.urgent());
    }

    private static Envelope.Notice notice(Envelope e, QuietHoursWindow.Night night, ZoneId zone) {
        String when = WHEN.format(night.ends().atZone(zone));
        String conduct = e.direction == Direction.MENTOR_TO_MENTEE
                ? "The programme's code of conduct asks mentors to avoid contact outside these hours.\n\n" : "";
        return new Envelope.Notice("Your message to " + e.recipient.name() + " will arrive in the morning",
                "It is quiet hours in your mentoring programme, so your message to " + e.recipient.name()
                        + " has been kept safe and will be delivered at " + when + ".\n\n"
                        + "Anything else you send before then will wait until the morning too; we will not tell you again tonight.\n\n"
                        + conduct + "Thank you for helping keep mentoring safe.\n");
    }
}
