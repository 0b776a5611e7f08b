package org.chaperone.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bson.Document;
import org.chaperone.concurrent.Blocking;
import org.chaperone.pipeline.Messages;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.relay.RelayAddresses;
import org.chaperone.review.AuditLog;
import org.chaperone.review.Decision;
import org.chaperone.review.Decisions;
import org.chaperone.review.Incidents;
import org.chaperone.review.Names;
import org.chaperone.review.Reports;
import org.chaperone.review.ReviewItem;
import org.chaperone.review.ReviewQueue;
import org.chaperone.review.ReviewState;
import org.chaperone.review.Scope;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Review for programme managers, DSLs and organisation admins: the queue, the per-programme summary,
 * an opened item (each opening is written to the audit log), and decisions. Participants report a
 * message they received here too. Anything outside the caller's scope answers 404.
 */
public final class ReviewRoutes implements RouteGroup {
    static final Role[] READERS = {Role.PROGRAMME_MANAGER, Role.DSL, Role.ORG_ADMIN};
    private static final int CONTEXT_MESSAGES = 5;

    private final Registry registry;
    private final Messages messages;
    private final ReviewQueue queue;
    private final Decisions decisions;
    private final Reports reports;
    private final Incidents incidents;
    private final AuditLog audit;
    private final RelayAddresses relay;
    private final Blocking blocking;
    private final Clock clock;

    public ReviewRoutes(Registry registry, Messages messages, ReviewQueue queue, Decisions decisions, Reports reports,
                        Incidents incidents, AuditLog audit, RelayAddresses relay, Blocking blocking, Clock clock) {
        this.registry = registry;
        this.messages = messages;
        this.queue = queue;
        this.decisions = decisions;
        this.reports = reports;
        this.incidents = incidents;
        this.audit = audit;
        this.relay = relay;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Override
    public void mount(Router api) {
        api.get("/review/queue").handler(this::queue);
        api.get("/review/summary").handler(this::summary);
        api.get("/review/items/:messageId").handler(this::item);
        api.post("/review/items/:messageId/decisions").handler(this::decide);
        api.post("/pairings/:id/messages/:messageId/report").handler(this::report);
    }

    /** Decisions are for programme managers and DSLs; anyone who reads the queue may add a note. */
    static boolean mayTake(User me, Decision d) {
        return d == Decision.NOTE ? Arrays.asList(READERS).contains(me.role())
                : me.role() == Role.PROGRAMME_MANAGER || me.role() == Role.DSL;
    }

    private void queue(RoutingContext ctx) {
        User me = Me.require(ctx, READERS);
        Query q = Query.of(ctx, "state", "severity", "category", "pairing", "kind", "order", "limit");
        List<String> stateNames = q.list("state", List.of("waiting", "open", "escalated", "released", "rejected", "reviewed", "decided", "all"));
        List<String> severities = q.list("severity", List.of("critical", "high", "medium", "low", "none"));
        List<String> categories = q.list("category", null);
        String pairingId = q.string("pairing", 64);
        String kind = q.parsed("kind", v -> {
            if (!List.of("held", "flagged", "reported").contains(v)) throw new IllegalArgumentException("must be one of held, flagged, reported");
            return v;
        });
        ReviewQueue.Order order = q.parsed("order", ReviewQueue.Order::fromWire);
        int limit = q.integer("limit", 200, 1, ReviewQueue.MAX_LIMIT);
        q.check();
        List<ReviewState> states = stateNames.stream().flatMap(s -> switch (s) {
            case "waiting" -> ReviewState.WAITING.stream();
            case "decided" -> java.util.stream.Stream.of(ReviewState.RELEASED, ReviewState.REJECTED, ReviewState.REVIEWED);
            case "all" -> Arrays.stream(ReviewState.values());
            default -> java.util.stream.Stream.of(ReviewState.fromWire(s));
        }).distinct().toList();
        blocking.call(() -> {
                    Scope scope = Scope.of(registry, me);
                    if (pairingId != null && !scope.canSeePairing(pairingId)) throw ApiException.notFound("Pairing");
                    Instant now = clock.instant();
                    List<Document> items = queue.items(scope, new ReviewQueue.Filter(states, severities, categories, pairingId,
                            kind, order, limit));
                    Names names = new Names(registry, me.organisationId());
                    JsonArray out = new JsonArray();
                    for (Document m : items) out.add(ReviewViews.queueItem(m, scope, names, now));
                    return new JsonObject().put("items", out).put("count", out.size()).put("at", now.toString());
                })
                .onSuccess(r -> Replies.ok(ctx, r))
                .onFailure(ctx::fail);
    }

    private void summary(RoutingContext ctx) {
        User me = Me.require(ctx, READERS);
        blocking.call(() -> {
                    Scope scope = Scope.of(registry, me);
                    Instant now = clock.instant();
                    JsonArray out = new JsonArray();
                    for (ReviewQueue.ProgrammeSummary s : queue.summary(scope)) {
                        out.add(new JsonObject().put("programmeId", s.programme().id()).put("programme", s.programme().name())
                                .put("unreviewed", s.waiting()).put("held", s.held()).put("escalated", s.escalated())
                                .put("reported", s.reported()).put("urgent", s.urgent())
                                .put("oldestWaitingSince", s.oldestWaitingSince() == null ? null : s.oldestWaitingSince().toString())
                                .put("oldestWaitedSeconds", s.oldestWaitingSince() == null ? null
                                        : java.time.Duration.between(s.oldestWaitingSince(), now).toSeconds())
                                .put("oldestWaited", s.oldestWaitingSince() == null ? null
                                        : ReviewItem.describe(java.time.Duration.between(s.oldestWaitingSince(), now))));
                    }
                    // The pairings in scope, labelled, for the screens' filters.
                    Names names = new Names(registry, me.organisationId());
                    JsonArray pairings = new JsonArray();
                    for (var p : scope.pairings()) {
                        pairings.add(new JsonObject().put("id", p.id()).put("programmeId", p.programmeId())
                                .put("label", names.pairing(p)).put("state", p.state().wireName()));
                    }
                    return new JsonObject().put("items", out).put("count", out.size()).put("pairings", pairings)
                            .put("at", now.toString());
                })
                .onSuccess(r -> Replies.ok(ctx, r))
                .onFailure(ctx::fail);
    }

    private void item(RoutingContext ctx) {
        User me = Me.require(ctx, READERS);
        String messageId = ctx.pathParam("messageId");
        blocking.call(() -> {
                    Scope scope = Scope.of(registry, me);
                    Document m = messages.find(me.organisationId(), messageId)
                            .filter(d -> ReviewItem.review(d) != null && scope.canSeePairing(d.getString("pairingId")))
                            .orElseThrow(() -> ApiException.notFound("Review item"));
                    Instant now = clock.instant();
                    Instant at = m.getDate("receivedAt").toInstant();
                    String pairingId = m.getString("pairingId");
                    Names names = new Names(registry, me.organisationId());
                    JsonObject json = ReviewViews.item(m, scope, names, now, relay.forPairing(pairingId), relay.domain(),
                            messages.around(me.organisationId(), pairingId, at, true, CONTEXT_MESSAGES),
                            messages.around(me.organisationId(), pairingId, at, false, CONTEXT_MESSAGES),
                            incidents.matching(com.mongodb.client.model.Filters.and(scope.filter(),
                                    com.mongodb.client.model.Filters.eq("messageId", messageId)), 1000));
                    audit.record(me.organisationId(), me.id(), me.role().wireName(), "open_review_item", "message", messageId,
                            "opened the content of a message in pairing " + names.pairing(scope.pairing(pairingId).orElse(null))
                                    + " with " + (2 * CONTEXT_MESSAGES) + " messages around it", now);
                    return json;
                })
                .onSuccess(r -> Replies.ok(ctx, r))
                .onFailure(ctx::fail);
    }

    private void decide(RoutingContext ctx) {
        User me = Me.require(ctx, READERS);
        String messageId = ctx.pathParam("messageId");
        Body body = Body.of(ctx, "decision", "note");
        Decision decision = body.parsed("decision", true, Decision::fromWire);
        String note = body.text("note", false, Decisions.MAX_NOTE);
        if (decision == Decision.NOTE && (note == null || note.isBlank())) body.reject("note", "is required for a note");
        body.check();
        if (!mayTake(me, decision)) {
            throw ApiException.forbidden("Only programme managers and designated safeguarding leads take decisions; "
                    + "you are signed in as " + me.role().wireName() + ". You can add a note.");
        }
        blocking.call(() -> {
                    Scope scope = Scope.of(registry, me);
                    Decisions.Outcome outcome = decisions.decide(scope, messageId, decision, note);
                    Document m = outcome.message();
                    return new JsonObject()
                            .put("messageId", m.getString("_id"))
                            .put("decision", decision.wireName())
                            .put("reviewState", ReviewItem.review(m).getString("state"))
                            .put("messageState", m.getString("state"))
                            .put("record", ReviewViews.incident(outcome.record(), scope, new Names(registry, me.organisationId())));
                })
                .onSuccess(r -> Replies.ok(ctx, r))
                .onFailure(e -> ctx.fail(ReviewViews.translate(e)));
    }

    private void report(RoutingContext ctx) {
        User me = Me.of(ctx);
        if (!me.role().isParticipant()) {
            throw ApiException.forbidden("Messages are reported by the person who received them; staff add a note to a review item.");
        }
        String raw = ctx.body() == null ? null : ctx.body().asString();
        String reason = null;
        if (raw != null && !raw.isBlank()) {
            Body body = Body.of(ctx, "reason");
            reason = body.text("reason", false, Reports.MAX_REASON);
            body.check();
        }
        String why = reason;
        blocking.call(() -> reports.report(me, ctx.pathParam("id"), ctx.pathParam("messageId"), why))
                .onSuccess(r -> Replies.created(ctx, new JsonObject().put("id", r.id()).put("messageId", r.messageId())
                        .put("reportedAt", r.at().toString())
                        .put("message", "Thank you for telling us. A programme manager will look at this message.")))
                .onFailure(e -> ctx.fail(ReviewViews.translate(e)));
    }
}
