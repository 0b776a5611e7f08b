package org.chaperone.sessions;

import org.bson.Document;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.PairingListener;
import org.chaperone.registry.Programme;
import org.chaperone.registry.ProgrammePolicy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Creates a new pairing's planned series from its programme's session template: session 1 the
 * introduction, then the weekly sessions. Planned sessions have no time: a time is agreed and then
 * scheduled (by the mentor for adults, by the programme for under-18 and at-risk mentees), because
 * a default slot would send invitations for times nobody chose. Saving a pairing again keeps its
 * series; ending it cancels what has not happened yet.
 */
public final class SeriesPlanner implements PairingListener {
    private final Sessions sessions;
    private final Clock clock;
    private volatile BiConsumer<Pairing, Programme> onEnded;

    public SeriesPlanner(Sessions sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** What to do when a pairing ends (set once the meeting providers are running). */
    public void onEnded(BiConsumer<Pairing, Programme> action) {
        this.onEnded = action;
    }

    @Override
    public void pairingSaved(Pairing pairing, Programme programme) {
        if (!pairing.isActive()) {
            BiConsumer<Pairing, Programme> ended = onEnded;
            if (ended != null) ended.accept(pairing, programme);
            return;
        }
        sessions.insertMissing(plan(pairing, programme.policy().sessionTemplate(), clock.instant()),
                new Document("at", Date.from(clock.instant())).append("action", "planned").append("actorRole", "system")
                        .append("state", "planned").append("participants", List.of(pairing.mentorId(), pairing.menteeId()))
                        .append("detail", "from the programme's session template"));
    }

    static List<Session> plan(Pairing pairing, ProgrammePolicy.SessionTemplate template, Instant now) {
        List<Session> out = new ArrayList<>();
        for (int n = 1; n <= template.totalSessions(); n++) {
            boolean intro = n == 1;
            out.add(new Session(Session.idFor(pairing.id(), n), pairing.organisationId(), pairing.programmeId(), pairing.id(), n,
                    intro ? Session.Kind.INTRODUCTION : Session.Kind.WEEKLY, pairing.mentorId(), pairing.menteeId(),
                    Session.State.PLANNED, null, null, intro ? template.introMinutes() : template.sessionMinutes(), null, 0,
                    null, 0, now));
        }
        return out;
    }
}
