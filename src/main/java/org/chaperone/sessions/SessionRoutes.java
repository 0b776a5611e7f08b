package org.chaperone.sessions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bson.Document;
import org.chaperone.api.ApiException;
import org.chaperone.api.Body;
import org.chaperone.api.Me;
import org.chaperone.api.Replies;
import org.chaperone.api.RouteGroup;
import org.chaperone.concurrent.Blocking;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.Programme;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.registry.Visibility;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Sessions over HTTP, under a pairing:
 * <pre>
 *  GET    /pairings/:id/sessions                      the series (times in UTC and in the programme's zone)
 *  POST   /pairings/:id/sessions                      {start, minutes?}: schedule the next planned session
 *  POST   /pairings/:id/sessions/weekly               {start, minutes?}: every remaining planned session, weekly
 *  PATCH  /pairings/:id/sessions/:sessionId           {start?, minutes?}: move (or schedule) one session
 *  DELETE /pairings/:id/sessions/:sessionId?reason=   cancel it (the record stays)
 *  POST   /pairings/:id/sessions/:sessionId/outcome   {tookPlace, reason?, note?}
 *  GET    /pairings/:id/sessions/:sessionId/join      the caller's own link
 *  GET    /pairings/:id/sessions/:sessionId/log       staff: the session's log
 *  GET    /pairings/:id/attendance                    the pairing's attendance
 *  GET    /programmes/:id/attendance                  staff: every pairing's attendance in a programme
 *  GET    /pairings/:id/surveys                       surveys sent (staff: with the answers)
 *  POST   /pairings/:id/surveys/:surveyId/answers     a participant's answers, once
 *  GET    /sessions/missing-records                   managers: sessions over a few days old with no record
 * </pre>
 * {@code start} is a local date and time in the programme's time zone ({@code 2026-10-27T17:00}) or an
 * instant with an offset ({@code 2026-10-27T17:00:00Z}).
 */
public final class SessionRoutes implements RouteGroup {
    private final SessionService service;
    private final Surveys surveys;
    private final Registry registry;
    private final Blocking blocking;
    private final Clock clock;
    private final Duration missingAfter;
    private final Runnable wakeDelivery;

    public SessionRoutes(SessionService service, Surveys surveys, Registry registry, Blocking blocking, Clock clock,
                         Duration missingAfter, Runnable wakeDelivery) {
        this.service = service;
        this.surveys = surveys;
        this.registry = registry;
        this.blocking = blocking;
        this.clock = clock;
        this.missingAfter = missingAfter;
        this.wakeDelivery = wakeDelivery;
    }

    @Override
    public void mount(Router api) {
        api.get("/pairings/:id/sessions").handler(this::list);
        api.post("/pairings/:id/sessions/weekly").handler(this::weekly);
        api.post("/pairings/:id/sessions").handler(this::schedule);
        api.patch("/pairings/:id/sessions/:sessionId").handler(this::move);
        api.delete("/pairings/:id/sessions/:sessionId").handler(this::cancel);
        api.post("/pairings/:id/sessions/:sessionId/outcome").handler(this::outcome);
        api.get("/pairings/:id/sessions/:sessionId/join").handler(this::join);
        api.get("/pairings/:id/sessions/:sessionId/log").handler(this::log);
        api.get("/pairings/:id/attendance").handler(this::attendance);
        api.get("/programmes/:id/attendance").handler(this::programmeAttendance);
        api.get("/pairings/:id/surveys").handler(this::listSurveys);
        api.post("/pairings/:id/surveys/:surveyId/answers").handler(this::answer);
        api.get("/sessions/missing-records").handler(this::missingRecords);
    }

    private record Context(User me, Pairing pairing, Programme programme) {}

    private Context context(RoutingContext ctx) {
        User me = Me.of(ctx);
        Pairing p = registry.pairings.find(me.organisationId(), ctx.pathParam("id"))
                .filter(x -> Visibility.canSee(me, x)).orElseThrow(() -> ApiException.notFound("Pairing"));
        Programme programme = registry.programmes.find(p.organisationId(), p.programmeId())
                .orElseThrow(() -> new IllegalStateException("pairing " + p.id() + " names a missing programme"));
        return new Context(me, p, programme);
    }

    private <T> void reply(RoutingContext ctx, int status, Callable<T> work) {
        blocking.call(() -> {
                    try {
                        return work.call();
                    } catch (SessionRefusal r) {
                        throw new ApiException(r.status(), r.code(), r.getMessage(), null);
                    }
                })
                .onSuccess(result -> {
                    wakeDelivery.run();
                    Replies.json(ctx, status, result);
                })
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        reply(ctx, 200, () -> {
            Context c = context(ctx);
            List<Session> all = service.sessions().forPairing(c.pairing().organisationId(), c.pairing().id());
            return Replies.list(all, s -> view(s, c));
        });
    }

    private void schedule(RoutingContext ctx) {
        Body body = Body.of(ctx, "start", "minutes");
        String start = body.string("start", true, 40);
        Integer minutes = body.integer("minutes", false, 15, 480);
        body.check();
        reply(ctx, 201, () -> {
            Context c = context(ctx);
            Session s = service.scheduleNext(c.me(), c.pairing(), c.programme(), startOf(start, c.programme()).toInstant(), minutes);
            return view(s, c);
        });
    }

    private void weekly(RoutingContext ctx) {
        Body body = Body.of(ctx, "start", "minutes");
        String start = body.string("start", true, 40);
        Integer minutes = body.integer("minutes", false, 15, 480);
        body.check();
        reply(ctx, 201, () -> {
            Context c = context(ctx);
            List<Session> scheduled = service.scheduleWeekly(c.me(), c.pairing(), c.programme(), startOf(start, c.programme()), minutes);
            return Replies.list(scheduled, s -> view(s, c));
        });
    }

    private void move(RoutingContext ctx) {
        Body body = Body.of(ctx, "start", "minutes");
        String start = body.string("start", false, 40);
        Integer minutes = body.integer("minutes", false, 15, 480);
        if (start == null && minutes == null && !body.has("start") && !body.has("minutes")) {
            body.reject("start", "give start, minutes or both");
        }
        body.check();
        reply(ctx, 200, () -> {
            Context c = context(ctx);
            Instant at = start == null ? null : startOf(start, c.programme()).toInstant();
            return view(service.move(c.me(), c.pairing(), c.programme(), ctx.pathParam("sessionId"), at, minutes), c);
        });
    }

    private void cancel(RoutingContext ctx) {
        String reason = ctx.queryParams().get("reason");
        if (reason != null && (reason.length() > 500 || reason.chars().anyMatch(ch -> ch < 0x20))) {
            throw ApiException.invalid("reason", "must be one line of at most 500 characters");
        }
        reply(ctx, 200, () -> {
            Context c = context(ctx);
            return view(service.cancel(c.me(), c.pairing(), c.programme(), ctx.pathParam("sessionId"), reason), c);
        });
    }

    private void outcome(RoutingContext ctx) {
        Body body = Body.of(ctx, "tookPlace", "reason", "note");
        Boolean tookPlace = body.bool("tookPlace", true);
        String reason = body.string("reason", false, 500);
        String note = body.text("note", false, 2000);
        if (Boolean.FALSE.equals(tookPlace) && (reason == null || reason.isBlank())) {
            body.reject("reason", "is required when the session did not take place: say why (for example: mentee ill)");
        }
        body.check();
        reply(ctx, 200, () -> {
            Context c = context(ctx);
            return view(service.recordOutcome(c.me(), c.pairing(), c.programme(), ctx.pathParam("sessionId"), tookPlace,
                    reason, note), c);
        });
    }

    private void join(RoutingContext ctx) {
        reply(ctx, 200, () -> {
            Context c = context(ctx);
            Session s = service.find(c.pairing(), ctx.pathParam("sessionId"));
            String link = service.joinLink(c.me(), c.pairing(), c.programme(), s.id());
            return new JsonObject().put("sessionId", s.id()).put("provider", s.meeting().provider()).put("link", link)
                    .put("start", s.start().toString()).put("end", s.end().toString())
                    .put("recording", "disabled");
        });
    }

    private void log(RoutingContext ctx) {
        reply(ctx, 200, () -> {
            Context c = context(ctx);
            if (!SessionService.isStaff(c.me(), c.pairing()) && c.me().role() != Role.DSL) {
                throw ApiException.forbidden("A session's log is read by the programme's staff.");
            }
            Session s = service.find(c.pairing(), ctx.pathParam("sessionId"));
            JsonArray items = new JsonArray();
            for (Document d : service.sessions().log(c.pairing().organisationId(), s.id())) items.add(json(d));
            return new JsonObject().put("sessionId", s.id()).put("items", items).put("count", items.size());
        });
    }

    private void attendance(RoutingContext ctx) {
        reply(ctx, 200, () -> {
            Context c = context(ctx);
            return attendance(c, service.sessions().forPairing(c.pairing().organisationId(), c.pairing().id()), true);
        });
    }

    private void programmeAttendance(RoutingContext ctx) {
        User me = Me.require(ctx, Role.PROGRAMME_MANAGER, Role.ORG_ADMIN, Role.DSL);
        String programmeId = ctx.pathParam("id");
        reply(ctx, 200, () -> {
            Programme programme = registry.programmes.find(me.organisationId(), programmeId)
                    .orElseThrow(() -> ApiException.notFound("Programme"));
            List<Pairing> pairings = registry.pairings.list(me.organisationId(),
                    com.mongodb.client.model.Filters.eq("programmeId", programmeId), null, 0, 0).stream()
                    .filter(p -> Visibility.canSee(me, p)).toList();
            Map<String, List<Session>> byPairing = new HashMap<>();
            for (Pairing p : pairings) byPairing.put(p.id(), new java.util.ArrayList<>());
            for (Session s : service.sessions().forProgramme(me.organisationId(), programmeId)) {
                List<Session> list = byPairing.get(s.pairingId());
                if (list != null) list.add(s);
            }
            JsonArray items = new JsonArray();
            for (Pairing p : pairings) items.add(attendance(new Context(me, p, programme), byPairing.get(p.id()), false));
            return new JsonObject().put("programmeId", programmeId).put("items", items).put("count", items.size());
        });
    }

    private JsonObject attendance(Context c, List<Session> all, boolean withSessions) {
        Instant now = clock.instant();
        boolean seesReasons = SessionService.isStaff(c.me(), c.pairing()) || c.me().role() == Role.DSL
                || c.me().id().equals(c.pairing().mentorId());
        int planned = 0, scheduled = 0, cancelled = 0, took = 0, missed = 0, awaiting = 0;
        JsonArray items = new JsonArray();
        for (Session s : all) {
            String status;
            switch (s.state()) {
                case PLANNED -> { planned++; status = "planned"; }
                case CANCELLED -> { cancelled++; status = "cancelled"; }
                default -> {
                    scheduled++;
                    if (s.outcome() != null) {
                        if (s.outcome().tookPlace()) { took++; status = "took_place"; } else { missed++; status = "did_not_take_place"; }
                    } else if (!s.start().isAfter(now)) {
                        awaiting++;
                        status = "awaiting_record";
                    } else {
                        status = "upcoming";
                    }
                }
            }
            JsonObject item = new JsonObject().put("sessionId", s.id()).put("number", s.number()).put("status", status);
            if (s.start() != null) item.put("start", s.start().toString()).put("localStart", local(s.start(), c.programme()));
            if (seesReasons && s.outcome() != null && !s.outcome().tookPlace()) item.put("reason", s.outcome().reason());
            items.add(item);
        }
        JsonObject out = new JsonObject().put("pairingId", c.pairing().id()).put("mentorId", c.pairing().mentorId())
                .put("menteeId", c.pairing().menteeId()).put("sessions", all.size()).put("planned", planned)
                .put("scheduled", scheduled).put("cancelled", cancelled).put("tookPlace", took).put("didNotTakePlace", missed)
                .put("awaitingRecord", awaiting);
        if (withSessions) out.put("items", items);
        return out;
    }

    private void listSurveys(RoutingContext ctx) {
        reply(ctx, 200, () -> {
            Context c = context(ctx);
            boolean staff = !c.pairing().involves(c.me().id());
            JsonArray items = new JsonArray();
            for (Document d : surveys.forPairing(c.pairing().organisationId(), c.pairing().id())) {
                JsonObject item = new JsonObject().put("id", d.getString("_id")).put("title", d.getString("title"))
                        .put("afterSession", d.getInteger("afterSession")).put("sentAt", d.getDate("sentAt").toInstant().toString());
                List<Document> answers = d.getList("answers", Document.class, List.of());
                if (staff) {
                    JsonArray a = new JsonArray();
                    for (Document ans : answers) a.add(json(ans));
                    item.put("answers", a);
                } else {
                    Document mine = answers.stream().filter(x -> c.me().id().equals(x.getString("participantId"))).findFirst().orElse(null);
                    item.put("answered", mine != null);
                    if (mine != null) item.put("yourAnswers", json(mine.get("answers", Document.class)));
                    JsonArray questions = new JsonArray();
                    for (Surveys.Question q : Surveys.QUESTIONS) {
                        questions.add(new JsonObject().put("id", q.id()).put("text", q.text()).put("kind", q.kind()));
                    }
                    item.put("questions", questions);
                }
                items.add(item);
            }
            return new JsonObject().put("items", items).put("count", items.size());
        });
    }

    private void answer(RoutingContext ctx) {
        Body body = Body.of(ctx, "useful", "comfortable", "comments");
        Integer useful = body.integer("useful", true, 1, 5);
        Boolean comfortable = body.bool("comfortable", true);
        String comments = body.text("comments", false, 2000);
        body.check();
        reply(ctx, 201, () -> {
            Context c = context(ctx);
            if (!c.pairing().involves(c.me().id())) {
                throw ApiException.forbidden("Surveys are answered by the pairing's mentor and mentee.");
            }
            String surveyId = ctx.pathParam("surveyId");
            Document survey = surveys.find(c.pairing().organisationId(), surveyId)
                    .filter(d -> c.pairing().id().equals(d.getString("pairingId")))
                    .orElseThrow(() -> ApiException.notFound("Survey"));
            Document answers = new Document("useful", useful).append("comfortable", comfortable).append("comments", comments);
            if (!surveys.answer(survey.getString("_id"), c.me().id(), c.me().role().wireName(), answers, clock.instant())) {
                throw ApiException.conflict("You have already answered this survey.");
            }
            return new JsonObject().put("surveyId", surveyId).put("answered", true);
        });
    }

    private void missingRecords(RoutingContext ctx) {
        User me = Me.require(ctx, Role.PROGRAMME_MANAGER, Role.ORG_ADMIN);
        reply(ctx, 200, () -> {
            Instant now = clock.instant();
            Map<String, Pairing> visible = new HashMap<>();
            Map<String, Programme> programmes = new HashMap<>();
            JsonArray items = new JsonArray();
            for (Session s : service.sessions().missingRecords(me.organisationId(), now.minus(missingAfter))) {
                Pairing p = visible.computeIfAbsent(s.pairingId(), id -> registry.pairings.find(me.organisationId(), id)
                        .filter(x -> Visibility.canSee(me, x)).orElse(null));
                if (p == null) continue;
                Programme programme = programmes.computeIfAbsent(p.programmeId(),
                        id -> registry.programmes.find(me.organisationId(), id).orElseThrow());
                items.add(new JsonObject().put("sessionId", s.id()).put("pairingId", p.id()).put("number", s.number())
                        .put("mentorId", p.mentorId()).put("menteeId", p.menteeId())
                        .put("start", s.start().toString()).put("localStart", local(s.start(), programme))
                        .put("daysSince", Duration.between(s.end(), now).toDays()));
            }
            return new JsonObject().put("items", items).put("count", items.size())
                    .put("after", "records missing " + missingAfter.toDays() + " days after the session");
        });
    }

    // ---- views and parsing -------------------------------------------------------------------

    private JsonObject view(Session s, Context c) {
        ZoneId zone = c.programme().policy().zone();
        JsonObject json = new JsonObject().put("id", s.id()).put("pairingId", s.pairingId()).put("number", s.number())
                .put("kind", s.kind().wireName()).put("state", s.state().wireName()).put("minutes", s.minutes())
                .put("timeZone", zone.getId()).put("sequence", s.sequence());
        if (s.start() != null) {
            json.put("start", s.start().toString()).put("end", s.end().toString())
                    .put("localStart", local(s.start(), c.programme())).put("localEnd", local(s.end(), c.programme()))
                    .put("utcOffset", s.start().atZone(zone).getOffset().getId());
        }
        if (s.meeting() != null) json.put("provider", s.meeting().provider()).put("recording", "disabled");
        boolean seesOutcome = !c.me().id().equals(c.pairing().menteeId());
        if (s.outcome() != null && seesOutcome) {
            Session.Outcome o = s.outcome();
            json.put("outcome", new JsonObject().put("tookPlace", o.tookPlace()).put("reason", o.reason()).put("note", o.note())
                    .put("recordedByRole", o.recordedByRole()).put("recordedAt", o.recordedAt().toString()));
        }
        return json;
    }

    private static String local(Instant t, Programme programme) {
        return t.atZone(programme.policy().zone()).toLocalDateTime().toString();
    }

    /** A start time: with an offset as given, or a local time in the programme's zone (one that exists there). */
    static ZonedDateTime startOf(String text, Programme programme) {
        ZoneId zone = programme.policy().zone();
        try {
            return OffsetDateTime.parse(text).atZoneSameInstant(zone);
        } catch (DateTimeException ignored) {
            // not an instant with an offset: try a local time below
        }
        try {
            LocalDateTime local = LocalDateTime.parse(text);
            if (zone.getRules().getValidOffsets(local).isEmpty()) {
                throw ApiException.invalid("start", "does not exist in " + zone.getId() + " (the clocks go forward then)");
            }
            return ZonedDateTime.of(local, zone);
        } catch (DateTimeException e) {
            throw ApiException.invalid("start", "must be a date and time such as 2026-10-27T17:00 (in the programme's time zone, "
                    + zone.getId() + ") or 2026-10-27T17:00:00Z");
        }
    }

    private static JsonObject json(Document d) {
        if (d == null) return null;
        JsonObject out = new JsonObject();
        for (var e : d.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Date date) out.put(e.getKey(), date.toInstant().toString());
            else if (v instanceof Document inner) out.put(e.getKey(), json(inner));
            else if (v instanceof List<?> list) out.put(e.getKey(), new JsonArray(list.stream()
                    .map(x -> x instanceof Document dd ? json(dd) : x instanceof Date dt ? dt.toInstant().toString() : x).toList()));
            else out.put(e.getKey(), v);
        }
        return out;
    }
}
