package org.chaperone.review;

import org.chaperone.registry.Pairing;
import org.chaperone.registry.Registry;
import org.chaperone.registry.User;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** People's names for the review screens and the record, looked up once per request. Blocking. */
public final class Names {
    private final Registry registry;
    private final String organisationId;
    private final Map<String, Optional<User>> users = new HashMap<>();

    public Names(Registry registry, String organisationId) {
        this.registry = registry;
        this.organisationId = organisationId;
    }

    public Optional<User> user(String id) {
        if (id == null) return Optional.empty();
        return users.computeIfAbsent(id, k -> registry.users.find(organisationId, k));
    }

    public String name(String userId) {
        if (userId == null) return "Chaperone";
        return user(userId).map(User::name).orElse("a former user");
    }

    /** "Alex Morgan ↔ Ruby (15)": mentor first, as the organisation knows the pairing. */
    public String pairing(Pairing p) {
        return p == null ? "" : name(p.mentorId()) + " \u2194 " + name(p.menteeId());
    }

    public String pairing(String pairingId) {
        if (pairingId == null) return "";
        return registry.pairings.find(organisationId, pairingId).map(this::pairing).orElse("");
    }

    /** "Priya Shah (programme manager)". */
    public static String withRole(User u) {
        return u.name() + " (" + u.role().wireName().replace('_', ' ').replace("dsl", "designated safeguarding lead")
                .replace("org admin", "organisation admin") + ")";
    }
}
