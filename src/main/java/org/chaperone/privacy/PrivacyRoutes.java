package org.chaperone.privacy;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.chaperone.api.ApiException;
import org.chaperone.api.Me;
import org.chaperone.api.RouteGroup;
import org.chaperone.concurrent.Blocking;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.review.AuditLog;

import java.time.Clock;

/**
 * {@code GET /api/v1/users/:id/export}: the organisation admin answers a subject-access request with
 * one downloadable JSON file. The export itself is written to the audit log.
 */
public final class PrivacyRoutes implements RouteGroup {
    private final Registry registry;
    private final SubjectAccessExport export;
    private final AuditLog audit;
    private final Blocking blocking;
    private final Clock clock;

    public PrivacyRoutes(Registry registry, SubjectAccessExport export, AuditLog audit, Blocking blocking, Clock clock) {
        this.registry = registry;
        this.export = export;
        this.audit = audit;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Override
    public void mount(Router api) {
        api.get("/users/:id/export").handler(this::export);
    }

    private void export(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN);
        String id = ctx.pathParam("id");
        blocking.call(() -> {
                    User person = registry.users.find(me.organisationId(), id).orElseThrow(() -> ApiException.notFound("User"));
                    audit.record(me.organisationId(), me.id(), me.role().wireName(), "subject_access_export", "user", id,
                            "exported everything held about " + person.email(), clock.instant());
                    return export.export(person);
                })
                .onSuccess(json -> ctx.response().setStatusCode(200)
                        .putHeader("Content-Type", "application/json; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"subject-access-" + id + ".json\"")
                        .end(json.encodePrettily()))
                .onFailure(ctx::fail);
    }
}
