package org.chaperone.review;

import com.mongodb.client.model.Filters;
import org.bson.conversions.Bson;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.Programme;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.registry.Visibility;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one staff member may review: the pairings {@link Visibility} gives them and those pairings'
 * programmes. Organisation admins and DSLs see the whole organisation; a programme manager sees the
 * programmes they look after and the pairings that name them. Every review query starts here, so
 * nothing of another organisation or another manager's programme can appear.
 */
public final class Scope {
    private final User viewer;
    private final boolean wholeOrganisation;
    private final Map<String, Pairing> pairings;
    private final Map<String, Programme> programmes;

    private Scope(User viewer, boolean wholeOrganisation, Map<String, Pairing> pairings, Map<String, Programme> programmes) {
        this.viewer = viewer;
        this.wholeOrganisation = wholeOrganisation;
        this.pairings = pairings;
        this.programmes = programmes;
    }

    /** Blocking: reads the registry. */
    public static Scope of(Registry registry, User viewer) {
        String org = viewer.organisationId();
        Map<String, Pairing> pairings = new LinkedHashMap<>();
        for (Pairing p : registry.pairings.list(org, Visibility.pairings(viewer), null, 0, 0)) pairings.put(p.id(), p);
        boolean whole = viewer.role() == Role.ORG_ADMIN || viewer.role() == Role.DSL;
        Map<String, Programme> programmes = new LinkedHashMap<>();
        for (Programme p : registry.programmes.list(org, null, null, 0, 0)) {
            boolean mine = whole || viewer.programmeIds().contains(p.id())
                    || pairings.values().stream().anyMatch(pairing -> pairing.programmeId().equals(p.id()));
            if (mine && viewer.role().isStaff()) programmes.put(p.id(), p);
        }
        return new Scope(viewer, whole && viewer.role().isStaff(), pairings, programmes);
    }

    public User viewer() {
        return viewer;
    }

    public String organisationId() {
        return viewer.organisationId();
    }

    /** Messages or incident records (both carry organisationId and pairingId) this viewer may see. */
    public Bson filter() {
        Bson org = Filters.eq("organisationId", viewer.organisationId());
        if (wholeOrganisation) return org;
        return Filters.and(org, Filters.in("pairingId", pairings.keySet()));
    }

    public boolean canSeePairing(String pairingId) {
        return pairingId != null && pairings.containsKey(pairingId);
    }

    public Optional<Pairing> pairing(String id) {
        return Optional.ofNullable(id == null ? null : pairings.get(id));
    }

    public Collection<Pairing> pairings() {
        return pairings.values();
    }

    public Optional<Programme> programme(String id) {
        return Optional.ofNullable(id == null ? null : programmes.get(id));
    }

    public List<Programme> programmes() {
        return List.copyOf(programmes.values());
    }

    public List<Pairing> pairingsOf(String programmeId) {
        return pairings.values().stream().filter(p -> p.programmeId().equals(programmeId)).toList();
    }
}
