package org.chaperone.numbers;

import com.mongodb.client.model.Filters;
import org.chaperone.ingress.smtp.SmtpReply;
import org.chaperone.pipeline.Refusal;
import org.chaperone.pipeline.TextRoutes;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.review.IncidentRecord;
import org.chaperone.review.Incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Who is texting which pairing. The sender's number must be an approved number of the pairing's mentor
 * (one key lookup in the register) or a registered phone of its mentee, and that participant must have a
 * route on the relay number written to. Anything else is refused and written to the incident record of
 * the organisations whose pairings the relay number serves; nothing is forwarded.
 */
public final class TextRouting implements TextRoutes {
    private final ApprovedNumbers approved;
    private final RelayNumbers relayNumbers;
    private final Registry registry;
    private final Consumer<IncidentRecord> incidents;

    public TextRouting(ApprovedNumbers approved, RelayNumbers relayNumbers, Registry registry, Consumer<IncidentRecord> incidents) {
        this.approved = approved;
        this.relayNumbers = relayNumbers;
        this.registry = registry;
        this.incidents = incidents;
    }

    public static Refusal unapprovedNumber() {
        return new Refusal("unapproved_number", SmtpReply.of(550, "5.7.1",
                "This relay number accepts texts only from the numbers approved for its pairings"), 403);
    }

    public static Refusal ambiguous() {
        return new Refusal("ambiguous_sender", SmtpReply.of(550, "5.7.1",
                "This number is registered to more than one participant on this relay number; the programme must correct it"), 403);
    }

    @Override
    public Route resolve(String relayNumber, String senderNumber, Instant at) {
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        Optional<ApprovedNumber> mentorNumber = approved.find(senderNumber);
        mentorNumber.flatMap(n -> activeUser(n.organisationId(), n.mentorId()))
                .filter(u -> u.role() == Role.MENTOR)
                .ifPresent(mentor -> addCandidate(candidates, relayNumber, mentor));
        for (User u : registry.users.findAcrossOrganisations(Filters.eq("phones", senderNumber))) {
            if (u.active() && u.role() == Role.MENTEE) addCandidate(candidates, relayNumber, u);
        }
        if (candidates.size() == 1) {
            Candidate c = candidates.values().iterator().next();
            return new Route(c.pairing(), c.sender().id(), recipientNumber(c.pairing(), c.sender()));
        }
        if (candidates.isEmpty()) {
            // Only a refusal scans the routes: the accepted path above is key lookups.
            List<RelayNumbers.Route> onNumber = relayNumbers.routesOn(relayNumber);
            if (onNumber.isEmpty()) throw Refusal.unknownAddress();
            refusedUnapproved(relayNumber, senderNumber, onNumber, at);
            throw unapprovedNumber();
        }
        for (Candidate c : candidates.values()) {
            record(c.pairing(), "ambiguous_text_sender", "A text from " + senderNumber + " to relay number " + relayNumber
                    + " could belong to more than one pairing (" + candidates.values().stream()
                    .map(x -> x.sender().name()).collect(Collectors.joining(", "))
                    + " use this number); it was refused. Give each participant their own number.", at);
        }
        throw ambiguous();
    }

    private record Candidate(Pairing pairing, User sender) {}

    private void addCandidate(Map<String, Candidate> candidates, String relayNumber, User participant) {
        relayNumbers.route(relayNumber, participant.id())
                .flatMap(r -> registry.pairings.find(r.organisationId(), r.pairingId()))
                .filter(p -> p.involves(participant.id()))
                .ifPresent(p -> candidates.put(p.id(), new Candidate(p, participant)));
    }

    /** Texts to a mentor go to their first approved number; to a mentee, to their first registered phone. */
    private String recipientNumber(Pairing p, User sender) {
        if (sender.role() == Role.MENTOR) {
            return activeUser(p.organisationId(), p.menteeId()).flatMap(u -> u.phones().stream().findFirst()).orElse(null);
        }
        List<ApprovedNumber> numbers = approved.forMentor(p.organisationId(), p.mentorId());
        return numbers.isEmpty() ? null : numbers.getFirst().number();
    }

    /**
     * One incident per organisation the relay number serves. It names the pairing when the number is a known
     * participant's (a mentor's personal phone, say) or when the relay number serves only one pairing there.
     */
    private void refusedUnapproved(String relayNumber, String senderNumber, List<RelayNumbers.Route> onNumber, Instant at) {
        Map<String, List<String>> pairingsByOrg = new LinkedHashMap<>();
        for (RelayNumbers.Route r : onNumber) {
            List<String> ids = pairingsByOrg.computeIfAbsent(r.organisationId(), k -> new ArrayList<>());
            if (!ids.contains(r.pairingId())) ids.add(r.pairingId());
        }
        pairingsByOrg.forEach((org, pairingIds) -> {
            List<User> known = registry.users.list(org, Filters.eq("phones", senderNumber), null, 0, 5);
            Pairing attributed = known.stream()
                    .map(u -> relayNumbers.route(relayNumber, u.id()).flatMap(r -> registry.pairings.find(org, r.pairingId())))
                    .flatMap(Optional::stream).findFirst().orElse(null);
            if (attributed == null) {
                List<Pairing> active = pairingIds.stream().map(id -> registry.pairings.find(org, id)).flatMap(Optional::stream)
                        .filter(Pairing::isActive).toList();
                if (active.size() == 1) attributed = active.getFirst();
            }
            String approvedFor = approved.find(senderNumber).filter(n -> n.organisationId().equals(org))
                    .flatMap(n -> registry.users.find(org, n.mentorId())).map(u -> "approved for " + u.name() + " but ")
                    .orElse("");
            String whose = attributed == null ? "one of the pairings it serves"
                    : "the pairing of " + name(org, attributed.mentorId()) + " and " + name(org, attributed.menteeId());
            String registered = known.isEmpty() ? "" : "; the number is registered to " + known.stream()
                    .map(u -> u.name() + " (" + u.role().wireName() + ")").collect(Collectors.joining(", "));
            String summary = "A text to relay number " + relayNumber + " (" + whose + ") came from " + senderNumber
                    + ", which is " + approvedFor + "not approved for that pairing" + registered
                    + ". It was refused and nothing was forwarded.";
            incidents.accept(Incidents.newRecord(org, attributed == null ? null : attributed.programmeId(),
                    attributed == null ? null : attributed.id(), null, "unapproved_number", summary, null, null, at));
        });
    }

    private void record(Pairing p, String type, String summary, Instant at) {
        incidents.accept(Incidents.newRecord(p.organisationId(), p.programmeId(), p.id(), null, type, summary, null, null, at));
    }

    private Optional<User> activeUser(String org, String id) {
        return registry.users.find(org, id).filter(User::active);
    }

    private String name(String org, String userId) {
        return registry.users.find(org, userId).map(User::name).orElse("a participant");
    }
}
