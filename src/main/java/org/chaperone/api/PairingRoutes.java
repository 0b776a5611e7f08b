package org.chaperone.api;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bson.conversions.Bson;
import org.chaperone.concurrent.Blocking;
import org.chaperone.registry.MenteeAge;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.PairingListener;
import org.chaperone.registry.PairingState;
import org.chaperone.registry.Programme;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.registry.Visibility;
import org.chaperone.store.Ids;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Pairings: organisation admins create and change them; everyone else reads only the pairings
 * {@link Visibility} gives them. A pairing is never deleted: DELETE ends it, keeping the record.
 */
public final class PairingRoutes implements RouteGroup {
    private static final String[] FIELDS = {"programmeId", "mentorId", "menteeId", "menteeDateOfBirth", "adultAtRisk",
            "managerIds", "startDate", "endDate", "state"};
    private final Registry registry;
    private final Blocking blocking;
    private final Clock clock;
    private final List<PairingListener> listeners;
    private final List<PairingDetails> details;

    /** Adds feature-owned details (relay addresses, …) to a pairing's JSON for a given viewer. */
    public interface PairingDetails {
        void addTo(JsonObject json, Pairing pairing, User viewer);
    }

    public PairingRoutes(Registry registry, Blocking blocking, Clock clock, List<PairingListener> listeners,
                         List<PairingDetails> details) {
        this.registry = registry;
        this.blocking = blocking;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
        this.details = List.copyOf(details);
    }

    @Override
    public void mount(Router api) {
        api.post("/pairings").handler(this::create);
        api.get("/pairings").handler(this::list);
        api.get("/pairings/:id").handler(this::get);
        api.patch("/pairings/:id").handler(this::update);
        api.delete("/pairings/:id").handler(this::end);
    }

    private void create(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN);
        Body body = Body.of(ctx, FIELDS);
        String programmeId = body.string("programmeId", true, 64);
        String mentorId = body.string("mentorId", true, 64);
        String menteeId = body.string("menteeId", true, 64);
        LocalDate dob = body.date("menteeDateOfBirth", true);
        Boolean atRisk = body.bool("adultAtRisk", false);
        List<String> managerIds = body.strings("managerIds", false, 20, 64);
        LocalDate start = body.date("startDate", false);
        LocalDate end = body.date("endDate", false);
        body.check();
        blocking.call(() -> {
                    Programme programme = registry.programmes.find(me.organisationId(), programmeId)
                            .orElseThrow(() -> ApiException.invalid("programmeId", "is not a programme of your organisation"));
                    LocalDate today = clock.instant().atZone(programme.policy().zone()).toLocalDate();
                    checkPerson(me, mentorId, Role.MENTOR, "mentorId");
                    checkPerson(me, menteeId, Role.MENTEE, "menteeId");
                    checkBirthDate(dob, today);
                    List<String> managers = managerIds != null ? managerIds : programmeManagers(me, programmeId);
                    for (int i = 0; i < managers.size(); i++) {
                        checkPerson(me, managers.get(i), Role.PROGRAMME_MANAGER, "managerIds[" + i + "]");
                    }
                    LocalDate startDate = start != null ? start : today;
                    if (end != null && end.isBefore(startDate)) throw ApiException.invalid("endDate", "must not be before startDate");
                    Pairing pairing = new Pairing(Ids.newId(), me.organisationId(), programmeId, mentorId, menteeId, dob,
                            atRisk != null && atRisk, managers, startDate, end, PairingState.ACTIVE, clock.instant());
                    registry.pairings.insert(pairing);
                    for (PairingListener l : listeners) l.pairingSaved(pairing, programme);
                    return view(pairing, programme, me);
                })
                .onSuccess(p -> Replies.created(ctx, p))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        User me = Me.of(ctx);
        String programmeId = ctx.queryParams().get("programmeId");
        String state = ctx.queryParams().get("state");
        if (state != null && !state.equals("active") && !state.equals("ended")) {
            throw ApiException.invalid("state", "must be active or ended");
        }
        blocking.call(() -> {
                    List<Bson> filters = new ArrayList<>();
                    Bson visible = Visibility.pairings(me);
                    if (visible != null) filters.add(visible);
                    if (programmeId != null) filters.add(Filters.eq("programmeId", programmeId));
                    if (state != null) filters.add(Filters.eq("state", state));
                    List<Pairing> list = registry.pairings.list(me.organisationId(),
                            filters.isEmpty() ? null : Filters.and(filters), Sorts.descending("createdAt"), 0, 0);
                    List<JsonObject> out = new ArrayList<>();
                    for (Pairing p : list) out.add(view(p, programme(p), me));
                    return out;
                })
                .onSuccess(list -> Replies.ok(ctx, Replies.list(list, o -> o)))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        User me = Me.of(ctx);
        String id = ctx.pathParam("id");
        blocking.call(() -> {
                    Pairing p = visible(me, id);
                    return view(p, programme(p), me);
                })
                .onSuccess(p -> Replies.ok(ctx, p))
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN);
        String id = ctx.pathParam("id");
        Body body = Body.of(ctx, FIELDS);
        for (String fixed : new String[] {"programmeId", "mentorId", "menteeId"}) {
            if (body.has(fixed)) body.reject(fixed, "cannot change; end this pairing and create a new one");
        }
        LocalDate dob = body.date("menteeDateOfBirth", false);
        Boolean atRisk = body.bool("adultAtRisk", false);
        List<String> managerIds = body.strings("managerIds", false, 20, 64);
        LocalDate start = body.date("startDate", false);
        LocalDate end = body.date("endDate", false);
        PairingState state = body.parsed("state", false, PairingState::fromWire);
        body.check();
        blocking.call(() -> {
                    Pairing cur = registry.pairings.find(me.organisationId(), id).orElseThrow(() -> ApiException.notFound("Pairing"));
                    Programme programme = programme(cur);
                    LocalDate today = clock.instant().atZone(programme.policy().zone()).toLocalDate();
                    if (dob != null) checkBirthDate(dob, today);
                    if (managerIds != null) {
                        for (int i = 0; i < managerIds.size(); i++) {
                            checkPerson(me, managerIds.get(i), Role.PROGRAMME_MANAGER, "managerIds[" + i + "]");
                        }
                    }
                    PairingState newState = state != null ? state : cur.state();
                    LocalDate newEnd = end != null ? end : (newState == PairingState.ENDED && cur.endDate() == null ? today : cur.endDate());
                    LocalDate newStart = start != null ? start : cur.startDate();
                    if (newEnd != null && newStart != null && newEnd.isBefore(newStart)) {
                        throw ApiException.invalid("endDate", "must not be before startDate");
                    }
                    Pairing updated = new Pairing(cur.id(), cur.organisationId(), cur.programmeId(), cur.mentorId(), cur.menteeId(),
                            dob != null ? dob : cur.menteeDateOfBirth(), atRisk != null ? atRisk : cur.adultAtRisk(),
                            managerIds != null ? managerIds : cur.managerIds(), newStart, newEnd, newState, cur.createdAt());
                    registry.pairings.replace(me.organisationId(), id, updated);
                    for (PairingListener l : listeners) l.pairingSaved(updated, programme);
                    return view(updated, programme, me);
                })
                .onSuccess(p -> Replies.ok(ctx, p))
                .onFailure(ctx::fail);
    }

    private void end(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN);
        String id = ctx.pathParam("id");
        blocking.call(() -> {
                    Pairing cur = registry.pairings.find(me.organisationId(), id).orElseThrow(() -> ApiException.notFound("Pairing"));
                    Programme programme = programme(cur);
                    LocalDate today = clock.instant().atZone(programme.policy().zone()).toLocalDate();
                    Pairing ended = new Pairing(cur.id(), cur.organisationId(), cur.programmeId(), cur.mentorId(), cur.menteeId(),
                            cur.menteeDateOfBirth(), cur.adultAtRisk(), cur.managerIds(), cur.startDate(),
                            cur.endDate() != null ? cur.endDate() : today, PairingState.ENDED, cur.createdAt());
                    registry.pairings.replace(me.organisationId(), id, ended);
                    for (PairingListener l : listeners) l.pairingSaved(ended, programme);
                    return view(ended, programme, me);
                })
                .onSuccess(p -> Replies.ok(ctx, p))
                .onFailure(ctx::fail);
    }

    private Pairing visible(User me, String id) {
        Pairing p = registry.pairings.find(me.organisationId(), id).orElseThrow(() -> ApiException.notFound("Pairing"));
        if (!Visibility.canSee(me, p)) throw ApiException.notFound("Pairing");
        return p;
    }

    private Programme programme(Pairing p) {
        return registry.programmes.find(p.organisationId(), p.programmeId())
                .orElseThrow(() -> new IllegalStateException("pairing " + p.id() + " names a missing programme"));
    }

    private JsonObject view(Pairing p, Programme programme, User viewer) {
        JsonObject json = Replies.toJson(p);
        LocalDate today = clock.instant().atZone(programme.policy().zone()).toLocalDate();
        boolean participant = viewer.role().isParticipant();
        if (participant) json.remove("menteeDateOfBirth"); // a mentor has no need to know a child's birthday
        json.put("menteeUnder18", MenteeAge.isUnder18(p.menteeDateOfBirth(), today));
        json.put("managersCopied", p.needsManagerCopy(clock.instant(), programme.policy().zone()));
        for (PairingDetails d : details) d.addTo(json, p, viewer);
        return json;
    }

    private void checkPerson(User me, String id, Role role, String field) {
        User u = registry.users.find(me.organisationId(), id)
                .orElseThrow(() -> ApiException.invalid(field, "is not a user of your organisation"));
        if (u.role() != role) throw ApiException.invalid(field, "must be a " + role.wireName() + ", not a " + u.role().wireName());
        if (!u.active()) throw ApiException.invalid(field, "is a deactivated user");
    }

    private static void checkBirthDate(LocalDate dob, LocalDate today) {
        if (dob.isAfter(today)) throw ApiException.invalid("menteeDateOfBirth", "must be in the past");
        if (MenteeAge.ageOn(dob, today) < 5 || MenteeAge.ageOn(dob, today) > 120) {
            throw ApiException.invalid("menteeDateOfBirth", "gives an age outside 5 to 120 years");
        }
    }

    private List<String> programmeManagers(User me, String programmeId) {
        return registry.users.list(me.organisationId(), Filters.and(Filters.eq("role", Role.PROGRAMME_MANAGER.wireName()),
                Filters.eq("programmeIds", programmeId), Filters.eq("active", true)), null, 0, 0).stream().map(User::id).toList();
    }
}
