package org.chaperone.api;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bson.conversions.Bson;
import org.chaperone.auth.Invitations;
import org.chaperone.auth.PasswordHasher;
import org.chaperone.auth.PasswordPolicy;
import org.chaperone.concurrent.Blocking;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.PhoneNumbers;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.registry.Visibility;
import org.chaperone.store.Ids;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Users: organisation admins create, change and deactivate them (a password, or an invitation the
 * user accepts); managers and DSLs read the people of the pairings they look after; school admins
 * read their school's people. Participants read only themselves ({@code GET /me}).
 */
public final class UserRoutes implements RouteGroup {
    private static final String[] FIELDS = {"email", "name", "role", "phones", "programmeIds", "schoolId", "password", "active"};
    private final Registry registry;
    private final PasswordHasher hasher;
    private final Invitations invitations;
    private final Blocking blocking;
    private final Clock clock;
    private final String phoneRegion;

    public UserRoutes(Registry registry, PasswordHasher hasher, Invitations invitations, Blocking blocking, Clock clock,
                      String phoneRegion) {
        this.registry = registry;
        this.hasher = hasher;
        this.invitations = invitations;
        this.blocking = blocking;
        this.clock = clock;
        this.phoneRegion = phoneRegion;
    }

    @Override
    public void mount(Router api) {
        api.post("/users").handler(this::create);
        api.get("/users").handler(this::list);
        api.get("/users/:id").handler(this::get);
        api.patch("/users/:id").handler(this::update);
        api.delete("/users/:id").handler(this::deactivate);
    }

    private record Input(String email, String name, Role role, List<String> phones, List<String> programmeIds,
                         String schoolId, String password, Boolean active) {}

    private Input read(Body body, boolean creating) {
        String email = body.email("email", creating);
        String name = body.string("name", creating, 200);
        Role role = body.parsed("role", creating, Role::fromWire);
        List<String> phones = body.strings("phones", false, 10, 40);
        List<String> e164 = null;
        if (phones != null) {
            e164 = new ArrayList<>();
            for (int i = 0; i < phones.size(); i++) {
                try {
                    e164.add(PhoneNumbers.toE164(phones.get(i), phoneRegion));
                } catch (IllegalArgumentException e) {
                    body.reject("phones[" + i + "]", e.getMessage());
                }
            }
        }
        List<String> programmeIds = body.strings("programmeIds", false, 100, 64);
        String schoolId = body.string("schoolId", false, 64);
        String password = body.text("password", false, 256);
        Boolean active = body.bool("active", false);
        if (password != null) {
            PasswordPolicy.check(password, email).ifPresent(reason -> body.reject("password", reason));
        }
        body.check();
        return new Input(email, name, role, e164, programmeIds, schoolId, password, active);
    }

    private void create(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN);
        Body body = Body.of(ctx, FIELDS);
        Input in = read(body, true);
        blocking.call(() -> {
                    checkReferences(me, in);
                    String hash = in.password() == null ? null : hasher.hash(in.password());
                    User user = new User(Ids.newId(), me.organisationId(), in.email(), in.name(), in.role(),
                            in.phones(), in.programmeIds(), in.schoolId(), hash,
                            in.active() == null || in.active(), clock.instant());
                    registry.users.insert(user);
                    JsonObject out = Views.user(user);
                    if (hash == null) {
                        String token = invitations.create(me.organisationId(), user.id());
                        out.put("invitation", new JsonObject().put("token", token)
                                .put("acceptWith", "POST /api/v1/auth/accept-invitation {\"token\", \"password\"}"));
                    }
                    return out;
                })
                .onSuccess(u -> Replies.created(ctx, u))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN, Role.PROGRAMME_MANAGER, Role.DSL, Role.SCHOOL_ADMIN);
        String role = ctx.queryParams().get("role");
        Bson roleFilter = null;
        if (role != null) {
            try {
                roleFilter = Filters.eq("role", Role.fromWire(role).wireName());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("role", e.getMessage());
            }
        }
        Bson filterByRole = roleFilter;
        blocking.call(() -> {
                    Bson visible = visibleFilter(me);
                    Bson filter = visible == null ? filterByRole : filterByRole == null ? visible : Filters.and(visible, filterByRole);
                    return registry.users.list(me.organisationId(), filter, Sorts.ascending("name"), 0, 0);
                })
                .onSuccess(list -> Replies.ok(ctx, Replies.list(list, Views::user)))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        User me = Me.of(ctx);
        String id = ctx.pathParam("id");
        blocking.call(() -> visible(me, id))
                .onSuccess(u -> Replies.ok(ctx, Views.user(u)))
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN);
        String id = ctx.pathParam("id");
        Body body = Body.of(ctx, FIELDS);
        Input in = read(body, false);
        blocking.call(() -> {
                    User cur = registry.users.find(me.organisationId(), id).orElseThrow(() -> ApiException.notFound("User"));
                    if (cur.id().equals(me.id()) && (Boolean.FALSE.equals(in.active()) || (in.role() != null && in.role() != Role.ORG_ADMIN))) {
                        throw ApiException.conflict("You cannot deactivate yourself or remove your own admin role.");
                    }
                    checkReferences(me, in);
                    User updated = new User(id, cur.organisationId(),
                            in.email() != null ? in.email() : cur.email(),
                            in.name() != null ? in.name() : cur.name(),
                            in.role() != null ? in.role() : cur.role(),
                            in.phones() != null ? in.phones() : cur.phones(),
                            in.programmeIds() != null ? in.programmeIds() : cur.programmeIds(),
                            in.schoolId() != null ? in.schoolId() : cur.schoolId(),
                            in.password() != null ? hasher.hash(in.password()) : cur.passwordHash(),
                            in.active() != null ? in.active() : cur.active(),
                            cur.createdAt());
                    registry.users.replace(me.organisationId(), id, updated);
                    return updated;
                })
                .onSuccess(u -> Replies.ok(ctx, Views.user(u)))
                .onFailure(ctx::fail);
    }

    /** Users are never deleted: their messages and records must keep naming them. */
    private void deactivate(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN);
        String id = ctx.pathParam("id");
        blocking.call(() -> {
                    User cur = registry.users.find(me.organisationId(), id).orElseThrow(() -> ApiException.notFound("User"));
                    if (cur.id().equals(me.id())) throw ApiException.conflict("You cannot deactivate yourself.");
                    User off = new User(cur.id(), cur.organisationId(), cur.email(), cur.name(), cur.role(), cur.phones(),
                            cur.programmeIds(), cur.schoolId(), cur.passwordHash(), false, cur.createdAt());
                    registry.users.replace(me.organisationId(), id, off);
                    return off;
                })
                .onSuccess(u -> Replies.ok(ctx, Views.user(u)))
                .onFailure(ctx::fail);
    }

    private void checkReferences(User me, Input in) {
        if (in.programmeIds() != null) {
            for (int i = 0; i < in.programmeIds().size(); i++) {
                if (registry.programmes.find(me.organisationId(), in.programmeIds().get(i)).isEmpty()) {
                    throw ApiException.invalid("programmeIds[" + i + "]", "is not a programme of your organisation");
                }
            }
        }
        if (in.schoolId() != null && registry.schools.find(me.organisationId(), in.schoolId()).isEmpty()) {
            throw ApiException.invalid("schoolId", "is not a school of your organisation");
        }
    }

    private User visible(User me, String id) {
        if (me.id().equals(id)) return me;
        Bson filter = switch (me.role()) {
            case MENTOR, MENTEE -> Filters.eq("_id", "\u0000none");
            default -> visibleFilter(me);
        };
        Bson byId = Filters.eq("_id", id);
        List<User> found = registry.users.list(me.organisationId(), filter == null ? byId : Filters.and(byId, filter), null, 0, 1);
        if (found.isEmpty()) throw ApiException.notFound("User");
        return found.getFirst();
    }

    /** Null: every user of the organisation. */
    private Bson visibleFilter(User me) {
        return switch (me.role()) {
            case ORG_ADMIN, DSL -> null;
            case SCHOOL_ADMIN -> Filters.eq("schoolId", String.valueOf(me.schoolId()));
            case PROGRAMME_MANAGER -> {
                Set<String> ids = new HashSet<>();
                for (Pairing p : registry.pairings.list(me.organisationId(), Visibility.pairings(me), null, 0, 0)) {
                    ids.add(p.mentorId());
                    ids.add(p.menteeId());
                    ids.addAll(p.managerIds());
                }
                ids.add(me.id());
                yield Filters.or(Filters.in("_id", ids), Filters.in("programmeIds", me.programmeIds()));
            }
            case MENTOR, MENTEE -> Filters.eq("_id", me.id());
        };
    }
}
