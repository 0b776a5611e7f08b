package org.chaperone.relay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.PairingListener;
import org.chaperone.registry.Programme;
import org.chaperone.registry.Role;
import org.chaperone.store.Ids;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issues and resolves relay addresses. Each pairing gets one per participant when it is saved;
 * addresses outlive the pairing (mail to an ended pairing is answered by the programme's rule).
 */
public final class RelayAddresses implements PairingListener {
    public static final int TOKEN_BITS = 130;
    private final MongoCollection<Document> collection;
    private final String domain;
    private final Clock clock;
    private final java.util.Map<String, List<RelayAddress>> byPairing = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Addresses found by token. An issued address never changes and is never removed, so what was found once holds
     * on every node; an address not found is not remembered (another node may issue it a moment later).
     */
    private final java.util.Map<String, RelayAddress> byToken = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED = 100_000;

    public RelayAddresses(MongoCollection<Document> collection, String domain, Clock clock) {
        this.collection = collection;
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.clock = clock;
    }

    public String domain() {
        return domain;
    }

    @Override
    public void pairingSaved(Pairing pairing, Programme programme) {
        ensure(pairing, pairing.mentorId(), Role.MENTOR);
        ensure(pairing, pairing.menteeId(), Role.MENTEE);
    }

    private void ensure(Pairing pairing, String participantId, Role role) {
        if (forParticipant(pairing.id(), participantId).isPresent()) return;
        byPairing.remove(pairing.id());
        collection.insertOne(new Document("_id", Ids.token(TOKEN_BITS))
                .append("organisationId", pairing.organisationId())
                .append("pairingId", pairing.id())
                .append("participantId", participantId)
                .append("role", role.wireName())
                .append("createdAt", Date.from(clock.instant())));
    }

    /** The relay address behind a full mail address on our domain, if it is one. */
    public Optional<RelayAddress> resolve(String mailAddress) {
        if (mailAddress == null) return Optional.empty();
        String a = mailAddress.trim().toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at <= 0 || !a.substring(at + 1).equals(domain)) return Optional.empty();
        String token = a.substring(0, at);
        if (!token.matches("[a-z2-7]{20,64}")) return Optional.empty();
        RelayAddress known = byToken.get(token);
        if (known != null) return Optional.of(known);
        RelayAddress found = from(collection.find(Filters.eq("_id", token)).first());
        if (found != null) {
            if (byToken.size() >= MAX_REMEMBERED) byToken.clear();
            byToken.put(token, found);
        }
        return Optional.ofNullable(found);
    }

    public boolean isRelayDomain(String mailAddress) {
        return mailAddress != null && mailAddress.toLowerCase(Locale.ROOT).endsWith("@" + domain);
    }

    public Optional<RelayAddress> forParticipant(String pairingId, String participantId) {
        return forPairing(pairingId).stream().filter(a -> a.participantId().equals(participantId)).findFirst();
    }

    /** A pairing's addresses. Issued addresses never change, so a complete pair is remembered. */
    public List<RelayAddress> forPairing(String pairingId) {
        List<RelayAddress> known = byPairing.get(pairingId);
        if (known != null) return known;
        List<RelayAddress> found = List.copyOf(collection.find(Filters.eq("pairingId", pairingId))
                .map(RelayAddresses::from).into(new java.util.ArrayList<>()));
        if (found.size() >= 2) byPairing.put(pairingId, found);
        return found;
    }

    private static RelayAddress from(Document d) {
        if (d == null) return null;
        return new RelayAddress(d.getString("_id"), d.getString("organisationId"), d.getString("pairingId"),
                d.getString("participantId"), Role.fromWire(d.getString("role")));
    }
}
