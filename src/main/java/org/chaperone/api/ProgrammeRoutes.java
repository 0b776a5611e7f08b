package org.chaperone.api;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bson.conversions.Bson;
import org.chaperone.concurrent.Blocking;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.Programme;
import org.chaperone.registry.ProgrammePolicy;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.registry.Visibility;
import org.chaperone.store.Ids;

import java.time.Clock;
import java.util.List;

/** Programmes: organisation admins manage them; managers and participants read the ones they belong to. */
public final class ProgrammeRoutes implements RouteGroup {
    private final Registry registry;
    private final Blocking blocking;
    private final Clock clock;

    public ProgrammeRoutes(Registry registry, Blocking blocking, Clock clock) {
        this.registry = registry;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Override
    public void mount(Router api) {
        api.post("/programmes").handler(this::create);
        api.get("/programmes").handler(this::list);
        api.get("/programmes/:id").handler(this::get);
        api.patch("/programmes/:id").handler(this::update);
        api.delete("/programmes/:id").handler(this::delete);
    }

    private void create(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN);
        Body body = Body.of(ctx, "name", "policy");
        String name = body.string("name", true, 200);
        ProgrammePolicy policy = PolicyInput.merge(ProgrammePolicy.defaults(), body.object("policy"), body);
        body.check();
        Programme programme = new Programme(Ids.newId(), me.organisationId(), name, policy, clock.instant());
        blocking.call(() -> registry.programmes.insert(programme))
                .onSuccess(p -> Replies.created(ctx, p))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        User me = Me.of(ctx);
        blocking.call(() -> registry.programmes.list(me.organisationId(), visibleFilter(me), Sorts.ascending("name"), 0, 0))
                .onSuccess(list -> Replies.ok(ctx, Replies.list(list, Replies::toJson)))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        User me = Me.of(ctx);
        String id = ctx.pathParam("id");
        blocking.call(() -> visible(me, id))
                .onSuccess(p -> Replies.ok(ctx, p))
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN);
        String id = ctx.pathParam("id");
        Body body = Body.of(ctx, "name", "policy");
        String name = body.string("name", false, 200);
        body.check();
        blocking.call(() -> {
                    Programme current = registry.programmes.find(me.organisationId(), id)
                            .orElseThrow(() -> ApiException.notFound("Programme"));
                    ProgrammePolicy policy = PolicyInput.merge(current.policy(), body.object("policy"), body);
                    body.check();
                    Programme updated = new Programme(id, current.organisationId(), name != null ? name : current.name(),
                            policy, current.createdAt());
                    registry.programmes.replace(me.organisationId(), id, updated);
                    return updated;
                })
                .onSuccess(p -> Replies.ok(ctx, p))
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN);
        String id = ctx.pathParam("id");
        blocking.call(() -> {
                    registry.programmes.find(me.organisationId(), id).orElseThrow(() -> ApiException.notFound("Programme"));
                    if (registry.pairings.count(me.organisationId(), Filters.eq("programmeId", id)) > 0) {
                        throw ApiException.conflict("The programme has pairings; end them and keep the programme for the record.");
                    }
                    return registry.programmes.delete(me.organisationId(), id);
                })
                .onSuccess(v -> Replies.noContent(ctx))
                .onFailure(ctx::fail);
    }

    private Programme visible(User me, String id) {
        Programme p = registry.programmes.find(me.organisationId(), id)
                .orElseThrow(() -> ApiException.notFound("Programme"));
        Bson filter = visibleFilter(me);
        if (filter != null && registry.programmes.count(me.organisationId(), Filters.and(Filters.eq("_id", id), filter)) == 0) {
            throw ApiException.notFound("Programme");
        }
        return p;
    }

    /** Null: every programme of the organisation. */
    private Bson visibleFilter(User me) {
        return switch (me.role()) {
            case ORG_ADMIN, DSL -> null;
            case PROGRAMME_MANAGER -> Filters.in("_id", me.programmeIds());
            case SCHOOL_ADMIN -> {
                List<String> ids = me.schoolId() == null ? List.of()
                        : registry.schools.find(me.organisationId(), me.schoolId()).map(s -> s.programmeIds()).orElse(List.of());
                yield Filters.in("_id", ids);
            }
            case MENTOR, MENTEE -> Filters.in("_id", registry.pairings
                    .list(me.organisationId(), Visibility.pairings(me), null, 0, 0).stream().map(Pairing::programmeId).distinct().toList());
        };
    }
}
