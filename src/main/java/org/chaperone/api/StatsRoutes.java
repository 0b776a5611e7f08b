package org.chaperone.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.chaperone.concurrent.Blocking;
import org.chaperone.registry.Programme;
import org.chaperone.registry.Registry;
import org.chaperone.registry.User;
import org.chaperone.review.Names;
import org.chaperone.review.ReviewStats;
import org.chaperone.review.Scope;

import java.time.Clock;
import java.time.Instant;

/** Numbers behind a programme's charts: flags per week by category, and messages per pairing. */
public final class StatsRoutes implements RouteGroup {
    private final Registry registry;
    private final ReviewStats stats;
    private final Blocking blocking;
    private final Clock clock;

    public StatsRoutes(Registry registry, ReviewStats stats, Blocking blocking, Clock clock) {
        this.registry = registry;
        this.stats = stats;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Override
    public void mount(Router api) {
        api.get("/stats/programmes/:id/flags").handler(this::flags);
        api.get("/stats/programmes/:id/pairings").handler(this::pairings);
    }

    private int weeks(RoutingContext ctx) {
        Query q = Query.of(ctx, "weeks");
        int weeks = q.integer("weeks", 12, 1, ReviewStats.MAX_WEEKS);
        q.check();
        return weeks;
    }

    private static Programme programme(Scope scope, String id) {
        return scope.programme(id).orElseThrow(() -> ApiException.notFound("Programme"));
    }

    private void flags(RoutingContext ctx) {
        User me = Me.require(ctx, ReviewRoutes.READERS);
        int weeks = weeks(ctx);
        blocking.call(() -> {
                    Scope scope = Scope.of(registry, me);
                    Programme programme = programme(scope, ctx.pathParam("id"));
                    ReviewStats.Flags flags = stats.flagsPerWeek(scope, programme, weeks, clock.instant());
                    JsonArray out = new JsonArray();
                    for (ReviewStats.Week w : flags.weeks()) {
                        JsonObject counts = new JsonObject();
                        w.counts().forEach(counts::put);
                        out.add(new JsonObject().put("weekStarting", w.start().toString()).put("counts", counts)
                                .put("total", w.counts().values().stream().mapToInt(Integer::intValue).sum()));
                    }
                    return new JsonObject().put("programmeId", programme.id()).put("programme", programme.name())
                            .put("timeZone", programme.policy().zone().getId())
                            .put("categories", new JsonArray(flags.categories())).put("weeks", out);
                })
                .onSuccess(r -> Replies.ok(ctx, r))
                .onFailure(ctx::fail);
    }

    private void pairings(RoutingContext ctx) {
        User me = Me.require(ctx, ReviewRoutes.READERS);
        int weeks = weeks(ctx);
        blocking.call(() -> {
                    Scope scope = Scope.of(registry, me);
                    Programme programme = programme(scope, ctx.pathParam("id"));
                    Instant now = clock.instant();
                    Names names = new Names(registry, me.organisationId());
                    JsonArray out = new JsonArray();
                    for (ReviewStats.PairingCount c : stats.messagesPerPairing(scope, programme, weeks, now)) {
                        out.add(new JsonObject().put("pairingId", c.pairing().id()).put("pairing", names.pairing(c.pairing()))
                                .put("mentor", names.name(c.pairing().mentorId())).put("mentee", names.name(c.pairing().menteeId()))
                                .put("state", c.pairing().state().wireName())
                                .put("mentorToMentee", c.mentorToMentee()).put("menteeToMentor", c.menteeToMentor())
                                .put("total", c.total()).put("flagged", c.flagged())
                                .put("lastMessageAt", c.lastMessageAt() == null ? null : c.lastMessageAt().toString()));
                    }
                    return new JsonObject().put("programmeId", programme.id()).put("programme", programme.name())
                            .put("weeks", weeks).put("since", ReviewStats.firstWeek(now, programme.policy().zone(), weeks).toString())
                            .put("items", out).put("count", out.size());
                })
                .onSuccess(r -> Replies.ok(ctx, r))
                .onFailure(ctx::fail);
    }
}
