package org.chaperone.numbers;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.PairingListener;
import org.chaperone.registry.Programme;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.store.MongoStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Gives each new pairing a relay number from its programme's pool ({@code policy.relayNumbers}, else the
 * deployment's {@code sms.relayNumbers}) and resolves texts to pairings.
 *
 * <p>A small pool serves many pairings: one relay number may serve any number of pairings as long as no
 * participant has two pairings on it. A text is then identified by (relay number, participant), and that
 * pair is a key: collection {@code sms_routes} has {@code _id = "<relay number>|<participant id>"} naming
 * the pairing, so the database refuses a second pairing for the same participant on the same number.
 * A participant's route on a number frees up for a new pairing once the pairing it named has ended.
 * Collection {@code sms_relay_numbers} has {@code _id = pairing id} and the pairing's number.
 */
public final class RelayNumbers implements PairingListener {
    public static final String PAIRINGS = "sms_relay_numbers";
    public static final String ROUTES = "sms_routes";
    private static final Logger LOG = Logger.getLogger(RelayNumbers.class.getName());

    private final MongoCollection<Document> pairings;
    private final MongoCollection<Document> routes;
    private final Registry registry;
    private final List<String> deploymentPool;
    private final Clock clock;

    /** A participant's way in on a relay number. */
    public record Route(String relayNumber, String organisationId, String pairingId, String participantId, Role role) {}

    public RelayNumbers(MongoStore store, Registry registry, List<String> deploymentPool, Clock clock) {
        this.pairings = store.collection(PAIRINGS);
        this.routes = store.collection(ROUTES);
        this.registry = registry;
        this.deploymentPool = List.copyOf(deploymentPool);
        this.clock = clock;
    }

    @Override
    public void pairingSaved(Pairing pairing, Programme programme) {
        if (!pairing.isActive() || forPairing(pairing.id()).isPresent()) return;
        List<String> pool = programme.policy().relayNumbers().isEmpty() ? deploymentPool : programme.policy().relayNumbers();
        for (String number : pool) {
            if (!claim(number, pairing, pairing.mentorId(), Role.MENTOR)) continue;
            if (!claim(number, pairing, pairing.menteeId(), Role.MENTEE) || sharesPhoneOn(number, pairing)) {
                release(number, pairing.mentorId(), pairing.id());
                release(number, pairing.menteeId(), pairing.id());
                continue;
            }
            try {
                pairings.insertOne(new Document("_id", pairing.id()).append("organisationId", pairing.organisationId())
                        .append("programmeId", pairing.programmeId()).append("number", number)
                        .append("allocatedAt", Date.from(clock.instant())));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) throw e;
                // Saved twice at once: the other call allocated; keep its number, drop our claims on ours.
                String theirs = forPairing(pairing.id()).orElse(number);
                if (!theirs.equals(number)) {
                    release(number, pairing.mentorId(), pairing.id());
                    release(number, pairing.menteeId(), pairing.id());
                }
            }
            return;
        }
        if (!pool.isEmpty()) {
            LOG.warning("no relay number is free for pairing " + pairing.id() + ": every number of its programme's pool"
                    + " already serves its mentor or mentee in another active pairing; add numbers to the pool");
        }
    }

    /** The pairing's relay number, if it has one. */
    public Optional<String> forPairing(String pairingId) {
        Document d = pairings.find(Filters.eq("_id", pairingId)).first();
        return d == null ? Optional.empty() : Optional.of(d.getString("number"));
    }

    /** Which pairing a text from this participant to this relay number belongs to: one key lookup. */
    public Optional<Route> route(String relayNumber, String participantId) {
        return Optional.ofNullable(from(routes.find(Filters.eq("_id", key(relayNumber, participantId))).first()));
    }

    /** Every route on a relay number (to name the pairings a refused text was aimed at). */
    public List<Route> routesOn(String relayNumber) {
        return routes.find(Filters.eq("number", relayNumber)).map(RelayNumbers::from).into(new ArrayList<>());
    }

    private boolean claim(String number, Pairing pairing, String participantId, Role role) {
        Document route = new Document("_id", key(number, participantId)).append("number", number)
                .append("organisationId", pairing.organisationId()).append("pairingId", pairing.id())
                .append("participantId", participantId).append("role", role.wireName())
                .append("createdAt", Date.from(clock.instant()));
        try {
            routes.insertOne(route);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) throw e;
        }
        Route existing = route(number, participantId).orElse(null);
        if (existing == null) return false;
        if (existing.pairingId().equals(pairing.id())) return true;
        boolean ended = registry.pairings.find(existing.organisationId(), existing.pairingId()).map(p -> !p.isActive()).orElse(true);
        // Take over the route of an ended pairing, only if it still names that pairing (compare and set).
        return ended && routes.replaceOne(Filters.and(Filters.eq("_id", route.getString("_id")),
                Filters.eq("pairingId", existing.pairingId())), route).getModifiedCount() == 1;
    }

    private void release(String number, String participantId, String pairingId) {
        routes.deleteOne(Filters.and(Filters.eq("_id", key(number, participantId)), Filters.eq("pairingId", pairingId)));
    }

    /**
     * Would a text from the mentee's phone to this number be ambiguous? Another active mentee with the same
     * registered phone (siblings sharing one) must not be on the same relay number.
     */
    private boolean sharesPhoneOn(String number, Pairing pairing) {
        User mentee = registry.users.find(pairing.organisationId(), pairing.menteeId()).orElse(null);
        if (mentee == null) return false;
        for (String phone : mentee.phones()) {
            for (User other : registry.users.findAcrossOrganisations(Filters.eq("phones", phone))) {
                if (other.id().equals(mentee.id())) continue;
                Optional<Route> r = route(number, other.id());
                if (r.isPresent() && registry.pairings.find(r.get().organisationId(), r.get().pairingId())
                        .map(Pairing::isActive).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String key(String number, String participantId) {
        return number + "|" + participantId;
    }

    private static Route from(Document d) {
        if (d == null) return null;
        return new Route(d.getString("number"), d.getString("organisationId"), d.getString("pairingId"),
                d.getString("participantId"), Role.fromWire(d.getString("role")));
    }
}
