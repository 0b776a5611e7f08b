package org.chaperone.api;

import com.mongodb.client.model.Filters;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.chaperone.concurrent.Blocking;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.review.AuditLog;
import org.chaperone.review.IncidentExport;
import org.chaperone.review.IncidentRecord;
import org.chaperone.review.Incidents;
import org.chaperone.review.Names;
import org.chaperone.review.Scope;
import org.chaperone.store.Ids;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The written record: read, exported (CSV, printable page) and corrected — by adding a record that
 * refers to the old one. There is deliberately no route that changes or deletes a record. The audit
 * log (who opened which message, who exported the record) is read here by organisation admins only.
 */
public final class IncidentRoutes implements RouteGroup {
    public static final int MAX_RECORDS = 10_000;
    public static final int MAX_SUMMARY = 4000;
    private static final String[] FILTERS = {"pairing", "from", "to", "type", "limit"};

    private final Registry registry;
    private final Incidents incidents;
    private final AuditLog audit;
    private final Blocking blocking;
    private final Clock clock;

    public IncidentRoutes(Registry registry, Incidents incidents, AuditLog audit, Blocking blocking, Clock clock) {
        this.registry = registry;
        this.incidents = incidents;
        this.audit = audit;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Override
    public void mount(Router api) {
        api.get("/incidents").handler(this::list);
        api.get("/incidents/export.csv").handler(ctx -> export(ctx, false));
        api.get("/incidents/export.html").handler(ctx -> export(ctx, true));
        api.get("/incidents/:id").handler(this::one);
        api.post("/incidents/:id/corrections").handler(this::correct);
        api.get("/audit").handler(this::auditLog);
    }

    /** The filters of a listing or an export, checked before any work. */
    private record Selection(String pairingId, Instant from, Instant to, List<String> types, int limit) {
        Bson filter(Scope scope) {
            if (pairingId != null && !scope.canSeePairing(pairingId)) throw ApiException.notFound("Pairing");
            List<Bson> all = new ArrayList<>(List.of(scope.filter()));
            if (pairingId != null) all.add(Filters.eq("pairingId", pairingId));
            if (from != null) all.add(Filters.gte("at", Date.from(from)));
            if (to != null) all.add(Filters.lt("at", Date.from(to)));
            if (!types.isEmpty()) all.add(Filters.in("type", types));
            return Filters.and(all);
        }

        String describe(Scope scope, Names names) {
            DateTimeFormatter d = DateTimeFormatter.ISO_INSTANT;
            String who = pairingId == null ? "All pairings you can see"
                    : "Pairing " + names.pairing(scope.pairing(pairingId).orElse(null));
            String when = from == null && to == null ? "all dates"
                    : (from == null ? "the start" : d.format(from)) + " to " + (to == null ? "now" : d.format(to));
            return who + ", " + when + (types.isEmpty() ? "" : ", types " + String.join(", ", types));
        }
    }

    private Selection selection(RoutingContext ctx, int defaultLimit) {
        Query q = Query.of(ctx, FILTERS);
        String pairingId = q.string("pairing", 64);
        Instant from = q.moment("from", false);
        Instant to = q.moment("to", true);
        List<String> types = q.list("type", null);
        int limit = q.integer("limit", defaultLimit, 1, MAX_RECORDS);
        if (from != null && to != null && !from.isBefore(to)) q.reject("to", "must be after 'from'");
        q.check();
        return new Selection(pairingId, from, to, types, limit);
    }

    private void list(RoutingContext ctx) {
        User me = Me.require(ctx, ReviewRoutes.READERS);
        Selection sel = selection(ctx, 500);
        blocking.call(() -> {
                    Scope scope = Scope.of(registry, me);
                    Names names = new Names(registry, me.organisationId());
                    JsonArray out = new JsonArray();
                    for (IncidentRecord r : incidents.matching(sel.filter(scope), sel.limit())) out.add(ReviewViews.incident(r, scope, names));
                    return new JsonObject().put("items", out).put("count", out.size());
                })
                .onSuccess(r -> Replies.ok(ctx, r))
                .onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx) {
        User me = Me.require(ctx, ReviewRoutes.READERS);
        String id = ctx.pathParam("id");
        blocking.call(() -> {
                    Scope scope = Scope.of(registry, me);
                    IncidentRecord r = visible(scope, id);
                    return ReviewViews.incident(r, scope, new Names(registry, me.organisationId()));
                })
                .onSuccess(r -> Replies.ok(ctx, r))
                .onFailure(ctx::fail);
    }

    private IncidentRecord visible(Scope scope, String id) {
        List<IncidentRecord> found = incidents.matching(Filters.and(scope.filter(), Filters.eq("_id", id)), 1);
        if (found.isEmpty()) throw ApiException.notFound("Incident record");
        return found.getFirst();
    }

    /** A correction is a new record referring to the old one; the old one stays exactly as it was. */
    private void correct(RoutingContext ctx) {
        User me = Me.require(ctx, ReviewRoutes.READERS);
        String id = ctx.pathParam("id");
        Body body = Body.of(ctx, "summary");
        String summary = body.text("summary", true, MAX_SUMMARY);
        body.check();
        blocking.call(() -> {
                    Scope scope = Scope.of(registry, me);
                    IncidentRecord old = visible(scope, id);
                    IncidentRecord correction = incidents.record(new IncidentRecord(Ids.newId(), old.organisationId(),
                            old.programmeId(), old.pairingId(), old.messageId(), "correction",
                            me.name() + " corrected record " + old.id() + ": " + summary.strip(), me.id(), me.role().wireName(),
                            clock.instant(), old.id()));
                    return ReviewViews.incident(correction, scope, new Names(registry, me.organisationId()));
                })
                .onSuccess(r -> Replies.created(ctx, r))
                .onFailure(ctx::fail);
    }

    private void export(RoutingContext ctx, boolean html) {
        User me = Me.require(ctx, ReviewRoutes.READERS);
        Selection sel = selection(ctx, MAX_RECORDS);
        blocking.call(() -> {
                    Scope scope = Scope.of(registry, me);
                    Names names = new Names(registry, me.organisationId());
                    List<IncidentExport.Row> rows = new ArrayList<>();
                    for (IncidentRecord r : incidents.matching(sel.filter(scope), sel.limit())) {
                        rows.add(new IncidentExport.Row(r, r.actorId() == null ? "Chaperone" : names.name(r.actorId()),
                                scope.programme(r.programmeId()).map(p -> p.name()).orElse(""),
                                scope.pairing(r.pairingId()).map(names::pairing).orElse("")));
                    }
                    Instant now = clock.instant();
                    String scopeText = sel.describe(scope, names);
                    audit.record(me.organisationId(), me.id(), me.role().wireName(), "export_incidents", "incidents",
                            sel.pairingId(), (html ? "printable page" : "CSV") + ": " + scopeText + ", " + rows.size() + " records", now);
                    String organisation = registry.organisation(me.organisationId()).map(o -> o.name()).orElse("");
                    return html ? IncidentExport.html(rows, "Incident record \u2014 " + organisation, scopeText, now, me.name())
                            : IncidentExport.csv(rows);
                })
                .onSuccess(text -> {
                    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC).format(clock.instant());
                    var response = ctx.response().putHeader("Content-Disposition",
                            (html ? "inline" : "attachment") + "; filename=\"incident-record-" + stamp + (html ? ".html\"" : ".csv\""));
                    if (html) {
                        response.putHeader("Content-Type", "text/html; charset=utf-8")
                                .putHeader("Content-Security-Policy", IncidentExport.CONTENT_SECURITY_POLICY);
                    } else {
                        response.putHeader("Content-Type", "text/csv; charset=utf-8");
                    }
                    response.end(text);
                })
                .onFailure(ctx::fail);
    }

    private void auditLog(RoutingContext ctx) {
        User me = Me.require(ctx, Role.ORG_ADMIN);
        Query q = Query.of(ctx, "from", "to", "actor", "action", "subject", "limit");
        Instant from = q.moment("from", false);
        Instant to = q.moment("to", true);
        String actor = q.string("actor", 64);
        String action = q.string("action", 64);
        String subject = q.string("subject", 64);
        int limit = q.integer("limit", 500, 1, MAX_RECORDS);
        q.check();
        blocking.call(() -> {
                    List<Bson> filters = new ArrayList<>();
                    if (from != null) filters.add(Filters.gte("at", Date.from(from)));
                    if (to != null) filters.add(Filters.lt("at", Date.from(to)));
                    if (actor != null) filters.add(Filters.eq("actorId", actor));
                    if (action != null) filters.add(Filters.eq("action", action));
                    if (subject != null) filters.add(Filters.eq("subjectId", subject));
                    Names names = new Names(registry, me.organisationId());
                    JsonArray out = new JsonArray();
                    for (Document d : audit.list(me.organisationId(), filters.isEmpty() ? null : Filters.and(filters), 0, limit)) {
                        out.add(new JsonObject().put("id", d.getString("_id")).put("at", d.getDate("at").toInstant().toString())
                                .put("actorId", d.getString("actorId")).put("actor", names.name(d.getString("actorId")))
                                .put("actorRole", d.getString("actorRole")).put("action", d.getString("action"))
                                .put("subjectType", d.getString("subjectType")).put("subjectId", d.getString("subjectId"))
                                .put("detail", d.getString("detail")));
                    }
                    return new JsonObject().put("items", out).put("count", out.size());
                })
                .onSuccess(r -> Replies.ok(ctx, r))
                .onFailure(ctx::fail);
    }
}
