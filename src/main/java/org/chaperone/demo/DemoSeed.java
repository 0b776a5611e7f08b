package org.chaperone.demo;

import org.chaperone.auth.PasswordHasher;
import org.chaperone.registry.Organisation;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.PairingListener;
import org.chaperone.registry.PairingState;
import org.chaperone.registry.Programme;
import org.chaperone.registry.ProgrammePolicy;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.School;
import org.chaperone.registry.User;
import org.chaperone.store.Ids;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo organisation seeded into an empty embedded database, so a newcomer can sign in at once.
 * Never runs against a configured MongoDB. The accounts and password are listed in the README.
 */
public final class DemoSeed {
    public static final String PASSWORD = "mentoring-demo-2026";
    public static final String DOMAIN = "demo.chaperone.test";

    public record Account(String email, Role role, String name) {}

    public static final List<Account> ACCOUNTS = List.of(
            new Account("admin@" + DOMAIN, Role.ORG_ADMIN, "Olu Adeyemi"),
            new Account("manager@" + DOMAIN, Role.PROGRAMME_MANAGER, "Priya Shah"),
            new Account("dsl@" + DOMAIN, Role.DSL, "Dana Whitfield"),
            new Account("school@" + DOMAIN, Role.SCHOOL_ADMIN, "Sam Okafor"),
            new Account("mentor.alex@" + DOMAIN, Role.MENTOR, "Alex Morgan"),
            new Account("mentor.jo@" + DOMAIN, Role.MENTOR, "Jo Patel"),
            new Account("mentee.ruby@" + DOMAIN, Role.MENTEE, "Ruby (15)"),
            new Account("mentee.sam@" + DOMAIN, Role.MENTEE, "Sam (19)"));

    private DemoSeed() {}

    /** Seeds when the database has no organisation yet; returns whether it did. */
    public static boolean seedIfEmpty(Registry registry, PasswordHasher hasher, Clock clock,
                                      List<PairingListener> listeners) {
        if (registry.organisationCount() > 0) return false;
        Instant now = clock.instant();
        ZoneId zone = ZoneId.of("Europe/London");
        LocalDate today = now.atZone(zone).toLocalDate();
        Organisation org = new Organisation(Ids.newId(), "Demo Mentoring Trust", Organisation.DEFAULT_RETENTION_DAYS, now);
        registry.insertOrganisation(org);
        Programme programme = new Programme(Ids.newId(), org.id(), "Year 10 Careers Mentoring", ProgrammePolicy.defaults(), now);
        registry.programmes.insert(programme);
        School school = new School(Ids.newId(), org.id(), "Riverside Academy", List.of(programme.id()), now);
        registry.schools.insert(school);

        String hash = hasher.hash(PASSWORD);
        List<User> users = new ArrayList<>();
        for (Account a : ACCOUNTS) {
            List<String> programmes = a.role() == Role.PROGRAMME_MANAGER || a.role() == Role.DSL ? List.of(programme.id()) : List.of();
            String schoolId = a.role() == Role.SCHOOL_ADMIN || a.role() == Role.MENTOR ? school.id() : null;
            User u = new User(Ids.newId(), org.id(), a.email(), a.name(), a.role(), List.of(), programmes, schoolId, hash, true, now);
            registry.users.insert(u);
            users.add(u);
        }
        User manager = users.get(1);
        // Ruby is 15 (her manager is copied into everything); Sam is 19.
        Pairing young = new Pairing(Ids.newId(), org.id(), programme.id(), users.get(4).id(), users.get(6).id(),
                today.minusYears(15).minusDays(120), false, List.of(manager.id()), today, null, PairingState.ACTIVE, now);
        Pairing adult = new Pairing(Ids.newId(), org.id(), programme.id(), users.get(5).id(), users.get(7).id(),
                today.minusYears(19).minusDays(40), false, List.of(manager.id()), today, null, PairingState.ACTIVE, now);
        registry.pairings.insert(young);
        registry.pairings.insert(adult);
        for (PairingListener l : listeners) {
            l.pairingSaved(young, programme);
            l.pairingSaved(adult, programme);
        }
        return true;
    }

    public static String banner(int httpPort) {
        StringBuilder b = new StringBuilder();
        b.append("\nDemo organisation \"Demo Mentoring Trust\" created (embedded database only).\n");
        b.append("Every demo account's password is: ").append(PASSWORD).append('\n');
        for (Account a : ACCOUNTS) b.append(String.format("  %-18s %s%n", a.role().wireName(), a.email()));
        b.append("Get a token:\n  curl -s -X POST localhost:").append(httpPort)
                .append("/api/v1/auth/token -H 'Content-Type: application/json' \\\n")
                .append("    -d '{\"email\":\"mentor.alex@").append(DOMAIN).append("\",\"password\":\"").append(PASSWORD).append("\"}'\n");
        return b.toString();
    }
}
