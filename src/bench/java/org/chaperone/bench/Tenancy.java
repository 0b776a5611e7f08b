package org.chaperone.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.chaperone.registry.Organisation;
import org.chaperone.registry.PairingState;
import org.chaperone.registry.Programme;
import org.chaperone.registry.ProgrammePolicy;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.store.Ids;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The organisations of the search benchmark, written into the registry so the gateway's own scope rules
 * apply: organisations of Zipf-distributed size, five programmes each with one manager, a DSL each, and
 * pairings (a mentor and a mentee) spread over the programmes.
 */
record Tenancy(List<Org> organisations, List<Pairing> pairings) {
    static final String PASSWORD = "bench-search-passphrase-42";

    record Pairing(String id, String organisationId, String programmeId, String mentorId, String menteeId) {}

    record Programme(String id, String organisationId, String managerEmail, List<String> pairingIds) {}

    record Org(String id, String dslEmail, List<Programme> programmes) {}

    static Tenancy create(Registry registry, String passwordHash, int organisations, int programmesEach, int pairings) {
        Instant now = Instant.now();
        LocalDate today = LocalDate.now();
        double[] weights = new double[organisations];
        double sum = 0;
        for (int i = 0; i < organisations; i++) sum += weights[i] = 1.0 / (i + 1);
        List<Org> orgs = new ArrayList<>();
        List<Pairing> all = new ArrayList<>();
        for (int o = 0; o < organisations; o++) {
            Organisation org = new Organisation(Ids.newId(), "Bench Trust " + o, Organisation.DEFAULT_RETENTION_DAYS, now);
            registry.insertOrganisation(org);
            String dslEmail = "dsl@org" + o + ".bench";
            registry.users.insert(new User(Ids.newId(), org.id(), dslEmail, "DSL " + o, Role.DSL, List.of(), List.of(),
                    null, passwordHash, true, now));
            int pairingsHere = Math.max(programmesEach, (int) Math.round(pairings * weights[o] / sum));
            List<Programme> programmes = new ArrayList<>();
            for (int p = 0; p < programmesEach; p++) {
                org.chaperone.registry.Programme programme = new org.chaperone.registry.Programme(Ids.newId(), org.id(),
                        "Programme " + o + "." + p, ProgrammePolicy.defaults(), now);
                registry.programmes.insert(programme);
                String managerEmail = "manager" + p + "@org" + o + ".bench";
                User manager = new User(Ids.newId(), org.id(), managerEmail, "Manager " + o + "." + p, Role.PROGRAMME_MANAGER,
                        List.of(), List.of(programme.id()), null, passwordHash, true, now);
                registry.users.insert(manager);
                List<String> ids = new ArrayList<>();
                for (int k = p; k < pairingsHere; k += programmesEach) {
                    User mentor = participant(org.id(), "mentor" + k + "@org" + o + ".bench", Role.MENTOR, passwordHash, now);
                    User mentee = participant(org.id(), "mentee" + k + "@org" + o + ".bench", Role.MENTEE, passwordHash, now);
                    registry.users.insert(mentor);
                    registry.users.insert(mentee);
                    org.chaperone.registry.Pairing pairing = new org.chaperone.registry.Pairing(Ids.newId(), org.id(),
                            programme.id(), mentor.id(), mentee.id(), today.minusYears(16), false, List.of(manager.id()),
                            today.minusDays(400), null, PairingState.ACTIVE, now);
                    registry.pairings.insert(pairing);
                    ids.add(pairing.id());
                    all.add(new Pairing(pairing.id(), org.id(), programme.id(), mentor.id(), mentee.id()));
                }
                programmes.add(new Programme(programme.id(), org.id(), managerEmail, List.copyOf(ids)));
            }
            orgs.add(new Org(org.id(), dslEmail, List.copyOf(programmes)));
        }
        return new Tenancy(List.copyOf(orgs), List.copyOf(all));
    }

    private static User participant(String org, String email, Role role, String hash, Instant now) {
        return new User(Ids.newId(), org, email, email.substring(0, email.indexOf('@')), role, List.of(), List.of(), null,
                hash, true, now);
    }

    List<Programme> programmes() {
        return organisations.stream().flatMap(o -> o.programmes().stream()).toList();
    }

    /** The organisations and programmes (not the participants), to hand from the build process to the gateway's. */
    JsonArray toJson() {
        JsonArray orgs = new JsonArray();
        for (Org o : organisations) {
            JsonArray programmes = new JsonArray();
            for (Programme p : o.programmes()) {
                programmes.add(new JsonObject().put("id", p.id()).put("managerEmail", p.managerEmail())
                        .put("pairingIds", new JsonArray(p.pairingIds())));
            }
            orgs.add(new JsonObject().put("id", o.id()).put("dslEmail", o.dslEmail()).put("programmes", programmes));
        }
        return orgs;
    }

    static Tenancy fromJson(JsonArray orgs) {
        List<Org> out = new ArrayList<>();
        for (int i = 0; i < orgs.size(); i++) {
            JsonObject o = orgs.getJsonObject(i);
            List<Programme> programmes = new ArrayList<>();
            JsonArray ps = o.getJsonArray("programmes");
            for (int k = 0; k < ps.size(); k++) {
                JsonObject p = ps.getJsonObject(k);
                List<String> pairingIds = new ArrayList<>();
                p.getJsonArray("pairingIds").forEach(id -> pairingIds.add((String) id));
                programmes.add(new Programme(p.getString("id"), o.getString("id"), p.getString("managerEmail"), List.copyOf(pairingIds)));
            }
            out.add(new Org(o.getString("id"), o.getString("dslEmail"), List.copyOf(programmes)));
        }
        return new Tenancy(List.copyOf(out), List.of());
    }
}
