package org.chaperone.testing;

import io.vertx.core.json.JsonObject;
import org.chaperone.gateway.Gateway;
import org.chaperone.registry.OrganisationSetup;

/**
 * A second organisation built through the operator path and the API, for isolation tests: an admin,
 * a programme, a manager, a mentor, a mentee and a pairing.
 */
public final class Tenants {
    public static final String PASSWORD = "another-strong-passphrase-9";

    public record Tenant(String organisationId, String adminToken, String programmeId, String managerToken,
                         String mentorToken, String menteeToken, String pairingId, String mentorId, String menteeId,
                         String managerId) {}

    private Tenants() {}

    public static Tenant create(Gateway gateway, Api api, String name) {
        String slug = name.toLowerCase().replaceAll("[^a-z0-9]", "");
        OrganisationSetup.Created created = OrganisationSetup.create(gateway.registry(), gateway.hasher(),
                gateway.invitations(), gateway.clock(), name, "admin@" + slug + ".example", "Admin of " + name, PASSWORD);
        gateway.store().awaitDurable();
        String admin = api.signIn("admin@" + slug + ".example", PASSWORD);
        String programmeId = created(api.post("/api/v1/programmes", admin, new JsonObject().put("name", name + " programme")));
        String managerId = user(api, admin, "manager@" + slug + ".example", "programme_manager", programmeId);
        String mentorId = user(api, admin, "mentor@" + slug + ".example", "mentor", null);
        String menteeId = user(api, admin, "mentee@" + slug + ".example", "mentee", null);
        String pairingId = created(api.post("/api/v1/pairings", admin, new JsonObject()
                .put("programmeId", programmeId).put("mentorId", mentorId).put("menteeId", menteeId)
                .put("menteeDateOfBirth", gateway.clock().instant().atZone(java.time.ZoneOffset.UTC).toLocalDate().minusYears(14).toString())));
        return new Tenant(created.organisation().id(), admin, programmeId,
                api.signIn("manager@" + slug + ".example", PASSWORD),
                api.signIn("mentor@" + slug + ".example", PASSWORD),
                api.signIn("mentee@" + slug + ".example", PASSWORD), pairingId, mentorId, menteeId, managerId);
    }

    public static String user(Api api, String adminToken, String email, String role, String programmeId) {
        JsonObject body = new JsonObject().put("email", email).put("name", email.split("@")[0]).put("role", role)
                .put("password", PASSWORD);
        if (programmeId != null) body.put("programmeIds", new io.vertx.core.json.JsonArray().add(programmeId));
        return created(api.post("/api/v1/users", adminToken, body));
    }

    private static String created(Api.Response r) {
        if (r.status() != 201) throw new AssertionError("expected 201, got " + r);
        return r.json().getString("id");
    }
}
