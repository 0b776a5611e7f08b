package org.chaperone.registry;

import org.chaperone.auth.Invitations;
import org.chaperone.auth.PasswordHasher;
import org.chaperone.auth.PasswordPolicy;
import org.chaperone.store.Ids;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * The operator's way in: creates an organisation and its first organisation admin, who then creates
 * everything else through the API. Used by {@code scripts/admin create-organisation}.
 */
public final class OrganisationSetup {
    public record Created(Organisation organisation, User admin, String invitationToken) {}

    private OrganisationSetup() {}

    /** With a password the admin can sign in at once; without, they get an invitation token. */
    public static Created create(Registry registry, PasswordHasher hasher, Invitations invitations, Clock clock,
                                 String name, String adminEmail, String adminName, String password) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("the organisation needs a name");
        if (adminEmail == null || !adminEmail.contains("@")) throw new IllegalArgumentException("the admin needs an email address");
        if (password != null) {
            PasswordPolicy.check(password, adminEmail).ifPresent(r -> {
                throw new IllegalArgumentException("the password " + r);
            });
        }
        Organisation org = new Organisation(Ids.newId(), name.strip(), Organisation.DEFAULT_RETENTION_DAYS, clock.instant());
        registry.insertOrganisation(org);
        User admin = new User(Ids.newId(), org.id(), adminEmail.strip().toLowerCase(Locale.ROOT),
                adminName == null || adminName.isBlank() ? adminEmail : adminName.strip(), Role.ORG_ADMIN, List.of(),
                List.of(), null, password == null ? null : hasher.hash(password), true, clock.instant());
        registry.users.insert(admin);
        String token = password == null ? invitations.create(org.id(), admin.id()) : null;
        return new Created(org, admin, token);
    }
}
