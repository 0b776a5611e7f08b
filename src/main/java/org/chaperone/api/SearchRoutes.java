package org.chaperone.api;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.chaperone.concurrent.Blocking;
import org.chaperone.index.SearchService;
import org.chaperone.registry.Registry;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;
import org.chaperone.registry.Visibility;
import org.chaperone.review.AuditLog;
import org.chaperone.store.ScopedCollection;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/search}: programme managers, DSLs and organisation admins search the messages of
 * the pairings they may see — words ({@code q}), filters, paging, newest first or by relevance, with
 * highlighted snippets. Participants and school admins are refused (403). Each search is written to the
 * audit log, as the dashboard tells its users.
 */
public final class SearchRoutes implements RouteGroup {
    static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "none");
    static final List<String> VERDICTS = List.of("deliver", "deliver_flagged", "hold");
    static final List<String> STATES = List.of("queued", "held", "delivered", "rejected", "failed");
    static final List<String> DIRECTIONS = List.of("mentor_to_mentee", "mentee_to_mentor");
    static final int MAX_QUERY = 500;

    private final Registry registry;
    private final SearchService search;
    private final AuditLog audit;
    private final Blocking blocking;
    private final Clock clock;
    private final SearchLabels labels = new SearchLabels();

    public SearchRoutes(Registry registry, SearchService search, AuditLog audit, Blocking blocking, Clock clock) {
        this.registry = registry;
        this.search = search;
        this.audit = audit;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Override
    public void mount(Router api) {
        api.get("/search").handler(this::search);
    }

    private void search(RoutingContext ctx) {
        User me = Me.require(ctx, ReviewRoutes.READERS);
        Query q = Query.of(ctx, "q", "category", "severity", "verdict", "state", "direction", "programme", "pairing",
                "from", "to", "sort", "page", "size");
        String words = q.string("q", MAX_QUERY);
        List<String> categories = q.list("category", null);
        List<String> severities = q.list("severity", SEVERITIES);
        List<String> verdicts = q.list("verdict", VERDICTS);
        List<String> states = q.list("state", STATES);
        List<String> directions = q.list("direction", DIRECTIONS);
        String programmeId = q.string("programme", 64);
        String pairingId = q.string("pairing", 64);
        Instant from = q.moment("from", false);
        Instant to = q.moment("to", true);
        if (from != null && to != null && !from.isBefore(to)) q.reject("to", "must be after from");
        SearchService.Order order = q.parsed("sort", SearchService.Order::fromWire);
        int page = q.integer("page", 1, 1, SearchService.MAX_RESULTS);
        int size = q.integer("size", 20, 1, SearchService.MAX_SIZE);
        q.check();
        SearchService.Request request = new SearchService.Request(words, categories, severities, verdicts, states,
                directions, programmeId, pairingId, from, to, order == null ? SearchService.Order.NEWEST : order, page, size);
        blocking.call(() -> {
                    Visible visible = Visible.of(registry, me);
                    if (pairingId != null && !visible.pairing(registry, pairingId)) throw ApiException.notFound("Pairing");
                    if (programmeId != null && !visible.programme(registry, programmeId)) throw ApiException.notFound("Programme");
                    SearchService.Result result;
                    try {
                        result = search.search(visible.scope(), request);
                    } catch (SearchService.Refused e) {
                        throw ApiException.invalid(e.field(), e.getMessage());
                    } catch (SearchService.Unavailable e) {
                        throw new ApiException(503, "search_unavailable", "Search is not available: " + e.getMessage(), null);
                    }
                    audit.record(me.organisationId(), me.id(), me.role().wireName(), "search_messages", "search", null,
                            describe(request, result), clock.instant());
                    return view(result, request, me.organisationId());
                })
                .onSuccess(r -> Replies.ok(ctx, r))
                .onFailure(ctx::fail);
    }

    /**
     * What the caller may search: the whole organisation (organisation admins, DSLs), or the pairings
     * {@link Visibility} gives them — the rule of the review screens — read as ids only, since a search
     * needs no more than that (the registry is not indexed on the embedded server, and a large
     * organisation has thousands of pairings).
     */
    private record Visible(SearchService.Scope scope, Set<String> programmeIds) {
        static Visible of(Registry registry, User me) {
            if (me.role() == Role.ORG_ADMIN || me.role() == Role.DSL) {
                return new Visible(SearchService.Scope.wholeOrganisation(me.organisationId()), null);
            }
            Bson rule = Visibility.pairings(me);
            Bson filter = rule == null ? Filters.eq(ScopedCollection.ORGANISATION, me.organisationId())
                    : Filters.and(Filters.eq(ScopedCollection.ORGANISATION, me.organisationId()), rule);
            Set<String> pairings = new HashSet<>();
            Set<String> programmes = new HashSet<>(me.programmeIds());
            for (Document d : registry.pairings.raw().find(filter).projection(Projections.include("_id", "programmeId"))) {
                pairings.add(d.getString("_id"));
                programmes.add(d.getString("programmeId"));
            }
            return new Visible(new SearchService.Scope(me.organisationId(), pairings), programmes);
        }

        boolean pairing(Registry registry, String id) {
            return scope.pairingIds() == null ? registry.pairings.find(scope.organisationId(), id).isPresent()
                    : scope.pairingIds().contains(id);
        }

        boolean programme(Registry registry, String id) {
            return programmeIds == null ? registry.programmes.find(scope.organisationId(), id).isPresent()
                    : programmeIds.contains(id);
        }
    }

    /** The hits as the dashboard lists them, with the pairing's and programme's names. */
    private JsonObject view(SearchService.Result result, SearchService.Request request, String organisationId) {
        Map<String, SearchLabels.Labels> named = labels.of(registry, organisationId, result.hits().stream()
                .map(h -> new SearchLabels.Wanted(h.pairingId(), h.programmeId())).toList());
        JsonArray items = new JsonArray();
        for (SearchService.Hit h : result.hits()) {
            SearchLabels.Labels label = named.getOrDefault(h.pairingId(), new SearchLabels.Labels(null, null));
            items.add(new JsonObject()
                    .put("messageId", h.messageId())
                    .put("pairingId", h.pairingId())
                    .put("pairing", label.pairing())
                    .put("programmeId", h.programmeId())
                    .put("programme", label.programme())
                    .put("receivedAt", h.receivedAt().toString())
                    .put("channel", h.channel())
                    .put("direction", h.direction())
                    .put("senderRole", h.senderRole())
                    .put("subject", h.subject().text())
                    .put("subjectHighlights", marks(h.subject()))
                    .put("snippet", h.snippet().text())
                    .put("highlights", marks(h.snippet()))
                    .put("verdict", h.verdict())
                    .put("categories", new JsonArray(h.categories()))
                    .put("severity", "none".equals(h.severity()) ? null : h.severity())
                    .put("state", h.state())
                    .put("reviewState", h.reviewState())
                    .put("reviewItem", h.reviewState() != null)
                    .put("score", h.score()));
        }
        IndexStatusView index = IndexStatusView.of(result.index());
        return new JsonObject().put("items", items).put("count", items.size())
                .put("total", result.total()).put("totalExact", result.totalExact())
                .put("page", request.page()).put("size", request.size())
                .put("sort", request.q() == null ? SearchService.Order.NEWEST.wireName() : request.order().wireName())
                .put("complete", result.complete())
                .put("index", index.json());
    }

    private static JsonArray marks(SearchService.Snippet s) {
        JsonArray out = new JsonArray();
        for (SearchService.Mark m : s.marks()) out.add(new JsonObject().put("start", m.start()).put("end", m.end()));
        return out;
    }

    /** What the audit log says about a search: the words, the filters, and how much it found. */
    static String describe(SearchService.Request r, SearchService.Result result) {
        List<String> parts = new ArrayList<>();
        parts.add(r.q() == null ? "no words" : "words \"" + r.q() + "\"");
        if (!r.categories().isEmpty()) parts.add("category " + String.join(",", r.categories()));
        if (!r.severities().isEmpty()) parts.add("severity " + String.join(",", r.severities()));
        if (!r.verdicts().isEmpty()) parts.add("verdict " + String.join(",", r.verdicts()));
        if (!r.states().isEmpty()) parts.add("state " + String.join(",", r.states()));
        if (!r.directions().isEmpty()) parts.add("direction " + String.join(",", r.directions()));
        if (r.programmeId() != null) parts.add("programme " + r.programmeId());
        if (r.pairingId() != null) parts.add("pairing " + r.pairingId());
        if (r.from() != null) parts.add("from " + r.from());
        if (r.to() != null) parts.add("to " + r.to());
        parts.add("page " + r.page());
        parts.add((result.totalExact() ? "" : "at least ") + result.total() + " message(s) found");
        return String.join("; ", parts);
    }

    private record IndexStatusView(String state, long rebuilt, long of) {
        static IndexStatusView of(org.chaperone.index.IndexFeeder.Status s) {
            return new IndexStatusView(s.phase().name().toLowerCase(java.util.Locale.ROOT), s.rebuilt(), s.rebuildTotal());
        }

        JsonObject json() {
            JsonObject o = new JsonObject().put("state", state);
            if ("rebuilding".equals(state)) o.put("indexed", rebuilt).put("of", of);
            return o;
        }
    }
}
