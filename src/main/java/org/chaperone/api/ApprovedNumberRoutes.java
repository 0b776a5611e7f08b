package org.chaperone.api;

import com.mongodb.client.model.Filters;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.chaperone.concurrent.Blocking;
import org.chaperone.numbers.ApprovedNumber;
import org.chaperone.numbers.ApprovedNumbers;
import org.chaperone.registry.PhoneNumbers;
import org.chaperone.registry.Programme;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.School;
import org.chaperone.registry.User;
import org.chaperone.review.AuditLog;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The numbers a school's mentors are approved to text from. The school's admins (and organisation admins)
 * register, list, revoke and reassign them; mentors cannot register their own. Every change is written to
 * the audit log. A number is approved for one mentor at a time: registering it again is refused, saying why.
 * <pre>
 *   POST   /schools/:id/approved-numbers                   {"number", "mentorId"}   register
 *   GET    /schools/:id/approved-numbers                                            list
 *   DELETE /schools/:id/approved-numbers/:number                                    revoke
 *   POST   /schools/:id/approved-numbers/:number/reassign  {"mentorId"}             move to another mentor
 * </pre>
 */
public final class ApprovedNumberRoutes implements RouteGroup {
    private final Registry registry;
    private final ApprovedNumbers numbers;
    private final AuditLog audit;
    private final Blocking blocking;
    private final Clock clock;
    private final String region;
    private final Set<String> deploymentRelayNumbers;

    public ApprovedNumberRoutes(Registry registry, ApprovedNumbers numbers, AuditLog audit, Blocking blocking, Clock clock,
                                String region, List<String> deploymentRelayNumbers) {
        this.registry = registry;
        this.numbers = numbers;
        this.audit = audit;
        this.blocking = blocking;
        this.clock = clock;
        this.region = region;
        this.deploymentRelayNumbers = Set.copyOf(deploymentRelayNumbers);
    }

    @Override
    public void mount(Router api) {
        api.post("/schools/:id/approved-numbers").handler(this::register);
        api.get("/schools/:id/approved-numbers").handler(this::list);
        api.delete("/schools/:id/approved-numbers/:number").handler(this::revoke);
        api.post("/schools/:id/approved-numbers/:number/reassign").handler(this::reassign);
    }

    private void register(RoutingContext ctx) {
        User me = Me.require(ctx, Role.SCHOOL_ADMIN, Role.ORG_ADMIN);
        String schoolId = ctx.pathParam("id");
        Body body = Body.of(ctx, "number", "mentorId");
        String number = body.parsed("number", true, n -> PhoneNumbers.toE164(n, region));
        String mentorId = body.string("mentorId", true, 64);
        body.check();
        blocking.call(() -> {
                    School school = school(me, schoolId);
                    User mentor = mentorOf(me, school, mentorId);
                    checkUsable(me, number);
                    ApprovedNumber wanted = new ApprovedNumber(number, me.organisationId(), school.id(), mentor.id(), me.id(),
                            clock.instant());
                    if (numbers.register(wanted).isEmpty()) throw alreadyApproved(me, school, number, mentor);
                    audit.record(me.organisationId(), me.id(), me.role().wireName(), "approved_number_registered",
                            "approved_number", number, "approved for " + mentor.name() + " (" + mentor.id() + ") at "
                                    + school.name(), clock.instant());
                    return view(wanted, mentor);
                })
                .onSuccess(v -> Replies.created(ctx, v))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        User me = Me.require(ctx, Role.SCHOOL_ADMIN, Role.ORG_ADMIN);
        String schoolId = ctx.pathParam("id");
        blocking.call(() -> {
                    School school = school(me, schoolId);
                    return numbers.forSchool(me.organisationId(), school.id()).stream()
                            .map(n -> view(n, registry.users.find(me.organisationId(), n.mentorId()).orElse(null))).toList();
                })
                .onSuccess(list -> Replies.ok(ctx, Replies.list(list, v -> v)))
                .onFailure(ctx::fail);
    }

    private void revoke(RoutingContext ctx) {
        User me = Me.require(ctx, Role.SCHOOL_ADMIN, Role.ORG_ADMIN);
        String schoolId = ctx.pathParam("id");
        String number = pathNumber(ctx);
        blocking.call(() -> {
                    School school = school(me, schoolId);
                    ApprovedNumber gone = numbers.revoke(me.organisationId(), school.id(), number)
                            .orElseThrow(() -> ApiException.notFound("Approved number " + number));
                    String mentor = registry.users.find(me.organisationId(), gone.mentorId()).map(User::name).orElse(gone.mentorId());
                    audit.record(me.organisationId(), me.id(), me.role().wireName(), "approved_number_revoked",
                            "approved_number", number, "was approved for " + mentor + " (" + gone.mentorId() + ") at "
                                    + school.name(), clock.instant());
                    return gone;
                })
                .onSuccess(v -> Replies.noContent(ctx))
                .onFailure(ctx::fail);
    }

    private void reassign(RoutingContext ctx) {
        User me = Me.require(ctx, Role.SCHOOL_ADMIN, Role.ORG_ADMIN);
        String schoolId = ctx.pathParam("id");
        String number = pathNumber(ctx);
        Body body = Body.of(ctx, "mentorId");
        String mentorId = body.string("mentorId", true, 64);
        body.check();
        blocking.call(() -> {
                    School school = school(me, schoolId);
                    User mentor = mentorOf(me, school, mentorId);
                    ApprovedNumber current = numbers.find(number)
                            .filter(n -> n.organisationId().equals(me.organisationId()) && n.schoolId().equals(school.id()))
                            .orElseThrow(() -> ApiException.notFound("Approved number " + number));
                    if (current.mentorId().equals(mentor.id())) {
                        throw ApiException.conflict(number + " is already approved for " + mentor.name() + ".");
                    }
                    ApprovedNumber moved = numbers.reassign(me.organisationId(), school.id(), number, mentor.id(), me.id(),
                            clock.instant()).orElseThrow(() -> ApiException.notFound("Approved number " + number));
                    String previous = registry.users.find(me.organisationId(), current.mentorId()).map(User::name)
                            .orElse(current.mentorId());
                    audit.record(me.organisationId(), me.id(), me.role().wireName(), "approved_number_reassigned",
                            "approved_number", number, "moved from " + previous + " (" + current.mentorId() + ") to "
                                    + mentor.name() + " (" + mentor.id() + ") at " + school.name(), clock.instant());
                    return view(moved, mentor);
                })
                .onSuccess(v -> Replies.ok(ctx, v))
                .onFailure(ctx::fail);
    }

    /** A school admin manages only their own school; others' schools are not found, as elsewhere. */
    private School school(User me, String schoolId) {
        if (me.role() == Role.SCHOOL_ADMIN && !schoolId.equals(me.schoolId())) throw ApiException.notFound("School");
        return registry.schools.find(me.organisationId(), schoolId).orElseThrow(() -> ApiException.notFound("School"));
    }

    private User mentorOf(User me, School school, String mentorId) {
        User u = registry.users.find(me.organisationId(), mentorId)
                .orElseThrow(() -> ApiException.invalid("mentorId", "is not a user of your organisation"));
        if (u.role() != Role.MENTOR) throw ApiException.invalid("mentorId", "must be a mentor, not a " + u.role().wireName());
        if (!school.id().equals(u.schoolId())) throw ApiException.invalid("mentorId", "is not a mentor of " + school.name());
        if (!u.active()) throw ApiException.invalid("mentorId", "is a deactivated user");
        return u;
    }

    /** A relay number or a mentee's phone would make texts ambiguous; neither can be a mentor's number. */
    private void checkUsable(User me, String number) {
        boolean relay = deploymentRelayNumbers.contains(number) || registry.programmes.list(me.organisationId(), null, null, 0, 0)
                .stream().map(Programme::policy).anyMatch(p -> p.relayNumbers().contains(number));
        if (relay) throw ApiException.invalid("number", "is one of the programme's relay numbers");
        boolean mentee = registry.users.findAcrossOrganisations(Filters.eq("phones", number)).stream()
                .anyMatch(u -> u.role() == Role.MENTEE);
        if (mentee) throw ApiException.invalid("number", "is registered as a mentee's phone; a mentor cannot use it");
    }

    private ApiException alreadyApproved(User me, School school, String number, User wanted) {
        ApprovedNumber holder = numbers.find(number).orElse(null);
        if (holder == null) return ApiException.conflict(number + " was being registered at the same time; try again.");
        if (!holder.organisationId().equals(me.organisationId())) {
            return ApiException.conflict(number + " is already approved for a mentor in another organisation; "
                    + "a number is approved for one mentor at a time.");
        }
        if (!holder.schoolId().equals(school.id())) {
            return ApiException.conflict(number + " is already approved for a mentor of another school; "
                    + "a number is approved for one mentor at a time. That school must revoke it first.");
        }
        if (holder.mentorId().equals(wanted.id())) {
            return ApiException.conflict(number + " is already approved for " + wanted.name() + ".");
        }
        String name = registry.users.find(me.organisationId(), holder.mentorId()).map(User::name).orElse("another mentor");
        return ApiException.conflict(number + " is already approved for " + name + "; a number is approved for one mentor "
                + "at a time. Revoke it first, or reassign it (POST .../approved-numbers/" + number + "/reassign).");
    }

    private String pathNumber(RoutingContext ctx) {
        try {
            return PhoneNumbers.toE164(ctx.pathParam("number"), region);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("number", e.getMessage());
        }
    }

    private static JsonObject view(ApprovedNumber n, User mentor) {
        return new JsonObject().put("number", n.number()).put("schoolId", n.schoolId()).put("mentorId", n.mentorId())
                .put("mentorName", mentor == null ? null : mentor.name()).put("registeredBy", n.registeredBy())
                .put("registeredAt", n.registeredAt().toString());
    }
}
