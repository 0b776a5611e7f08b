package org.chaperone.api;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.chaperone.concurrent.Blocking;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.School;
import org.chaperone.registry.User;
import org.chaperone.store.Ids;

import java.time.Clock;
import java.util.List;

/** Schools: organisation admins manage them; a school admin reads their own school. */
public final class SchoolRoutes implements RouteGroup {
    private final Registry registry;
    private final Blocking blocking;
    private final Clock clock;

    public SchoolRoutes(Registry registry, Blocking blocking, Clock clock) {
        this.registry = registry;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Override
    public void mount(Router api) {
        api.post("/schools").handler(this::create);
        api.get("/schools").handler(this::list);
        api.get("/schools/:id").handler(this::get);
        api.patch("/schools/:id").handler(this::update);
        api.delete("/schools/:id").handler(this::delete);
    }

    private void create(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN);
        Body body = Body.of(ctx, "name", "programmeIds");
        String name = body.string("name", true, 200);
        List<String> programmeIds = body.strings("programmeIds", false, 100, 64);
        body.check();
        blocking.call(() -> {
                    checkProgrammes(me, programmeIds);
                    return registry.schools.insert(new School(Ids.newId(), me.organisationId(), name, programmeIds, clock.instant()));
                })
                .onSuccess(s -> Replies.created(ctx, s))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN, Role.PROGRAMME_MANAGER, Role.DSL, Role.SCHOOL_ADMIN);
        blocking.call(() -> registry.schools.list(me.organisationId(),
                        me.role() == Role.SCHOOL_ADMIN ? Filters.eq("_id", String.valueOf(me.schoolId())) : null,
                        Sorts.ascending("name"), 0, 0))
                .onSuccess(list -> Replies.ok(ctx, Replies.list(list, Replies::toJson)))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN, Role.PROGRAMME_MANAGER, Role.DSL, Role.SCHOOL_ADMIN);
        String id = ctx.pathParam("id");
        blocking.call(() -> {
                    if (me.role() == Role.SCHOOL_ADMIN && !id.equals(me.schoolId())) throw ApiException.notFound("School");
                    return registry.schools.find(me.organisationId(), id).orElseThrow(() -> ApiException.notFound("School"));
                })
                .onSuccess(s -> Replies.ok(ctx, s))
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN);
        String id = ctx.pathParam("id");
        Body body = Body.of(ctx, "name", "programmeIds");
        String name = body.string("name", false, 200);
        List<String> programmeIds = body.strings("programmeIds", false, 100, 64);
        body.check();
        blocking.call(() -> {
                    School current = registry.schools.find(me.organisationId(), id).orElseThrow(() -> ApiException.notFound("School"));
                    checkProgrammes(me, programmeIds);
                    School updated = new School(id, current.organisationId(), name != null ? name : current.name(),
                            programmeIds != null ? programmeIds : current.programmeIds(), current.createdAt());
                    registry.schools.replace(me.organisationId(), id, updated);
                    return updated;
                })
                .onSuccess(s -> Replies.ok(ctx, s))
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN);
        String id = ctx.pathParam("id");
        blocking.call(() -> {
                    registry.schools.find(me.organisationId(), id).orElseThrow(() -> ApiException.notFound("School"));
                    if (registry.users.count(me.organisationId(), Filters.and(Filters.eq("schoolId", id), Filters.eq("active", true))) > 0) {
                        throw ApiException.conflict("The school still has active users; move or deactivate them first.");
                    }
                    return registry.schools.delete(me.organisationId(), id);
                })
                .onSuccess(v -> Replies.noContent(ctx))
                .onFailure(ctx::fail);
    }

    private void checkProgrammes(User me, List<String> programmeIds) {
        if (programmeIds == null) return;
        for (int i = 0; i < programmeIds.size(); i++) {
            if (registry.programmes.find(me.organisationId(), programmeIds.get(i)).isEmpty()) {
                throw ApiException.invalid("programmeIds[" + i + "]", "is not a programme of your organisation");
            }
        }
    }
}
