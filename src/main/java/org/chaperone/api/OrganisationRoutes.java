package org.chaperone.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.chaperone.concurrent.Blocking;
import org.chaperone.registry.Organisation;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;

import java.util.List;

/** A caller's own organisation. Organisations themselves are created by the operator ({@code scripts/admin}). */
public final class OrganisationRoutes implements RouteGroup {
    private final Registry registry;
    private final Blocking blocking;

    public OrganisationRoutes(Registry registry, Blocking blocking) {
        this.registry = registry;
        this.blocking = blocking;
    }

    @Override
    public void mount(Router api) {
        api.get("/organisations").handler(this::list);
        api.get("/organisations/:id").handler(this::get);
        api.patch("/organisations/:id").handler(this::update);
    }

    private void list(RoutingContext ctx) {
        User me = Me.of(ctx);
        blocking.call(() -> registry.organisation(me.organisationId()).map(List::of).orElse(List.of()))
                .onSuccess(orgs -> Replies.ok(ctx, Replies.list(orgs, Replies::toJson)))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        User me = Me.of(ctx);
        String id = ctx.pathParam("id");
        blocking.call(() -> own(me, id))
                .onSuccess(org -> Replies.ok(ctx, org))
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN);
        String id = ctx.pathParam("id");
        Body body = Body.of(ctx, "name", "retentionDays");
        String name = body.string("name", false, 200);
        Integer retention = body.integer("retentionDays", false, 30, 3650);
        body.check();
        blocking.call(() -> {
                    Organisation org = own(me, id);
                    Organisation updated = new Organisation(org.id(), name != null ? name : org.name(),
                            retention != null ? retention : org.retentionDays(), org.createdAt());
                    registry.replaceOrganisation(updated);
                    return updated;
                })
                .onSuccess(org -> Replies.ok(ctx, org))
                .onFailure(ctx::fail);
    }

    private Organisation own(User me, String id) {
        if (!me.organisationId().equals(id)) throw ApiException.notFound("Organisation");
        return registry.organisation(id).orElseThrow(() -> ApiException.notFound("Organisation"));
    }
}
