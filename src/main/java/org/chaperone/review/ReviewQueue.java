package org.chaperone.review;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.chaperone.pipeline.Messages;
import org.chaperone.registry.Programme;
import org.chaperone.store.MongoStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The review queue: held, flagged and reported messages in the caller's {@link Scope}, oldest waiting
 * first. The listing carries no message content (no subject, no text): content is shown only when an
 * item is opened, and that opening is audit-logged.
 *
 * <p>One query on the organisation, the scope's pairings and the review state (the embedded server
 * scans; at a programme's scale the waiting items are few); severity and category are filtered here.
 */
public final class ReviewQueue {
    public static final int MAX_LIMIT = 500;
    private static final Bson LISTING = Projections.exclude("raw", "html", "parts", "text", "subject", "attachments");

    public enum Order {
        OLDEST, NEWEST, SEVERITY;

        public static Order fromWire(String v) {
            for (Order o : values()) if (o.name().equalsIgnoreCase(v)) return o;
            throw new IllegalArgumentException("must be one of oldest, newest, severity");
        }
    }

    /**
     * @param states     review states to list (default: waiting — open and escalated)
     * @param severities the item's highest concern severity is one of these ("none": no concern, only other rules)
     * @param categories any of these categories (empty: all)
     * @param kind       held, flagged or reported (null: all)
     */
    public record Filter(List<ReviewState> states, List<String> severities, List<String> categories, String pairingId,
                         String kind, Order order, int limit) {
        public Filter {
            states = states == null || states.isEmpty() ? ReviewState.WAITING : List.copyOf(states);
            severities = severities == null ? List.of() : List.copyOf(severities);
            categories = categories == null ? List.of() : List.copyOf(categories);
            if (order == null) order = Order.OLDEST;
            if (limit <= 0 || limit > MAX_LIMIT) limit = MAX_LIMIT;
        }

        public static Filter waiting() {
            return new Filter(null, null, null, null, null, null, 0);
        }
    }

    /** Per programme: how much is waiting and since when. */
    public record ProgrammeSummary(Programme programme, int waiting, int held, int escalated, int reported, int urgent,
                                   Instant oldestWaitingSince) {}

    private final MongoCollection<Document> messages;

    public ReviewQueue(MongoStore store) {
        this.messages = store.collection(Messages.COLLECTION);
    }

    /** Blocking. */
    public List<Document> items(Scope scope, Filter f) {
        List<Bson> conditions = new ArrayList<>(List.of(scope.filter(),
                Filters.in("review.state", ReviewState.wireNames(f.states()))));
        if (f.pairingId() != null) conditions.add(Filters.eq("pairingId", f.pairingId()));
        List<Document> out = new ArrayList<>();
        for (Document m : messages.find(Filters.and(conditions)).projection(LISTING)) {
            String severity = ReviewItem.severity(m);
            if (!f.severities().isEmpty() && !f.severities().contains(severity == null ? "none" : severity)) continue;
            if (!f.categories().isEmpty() && ReviewItem.categories(m).stream().noneMatch(f.categories()::contains)) continue;
            if (f.kind() != null && !matchesKind(m, f.kind())) continue;
            out.add(m);
        }
        Comparator<Document> oldest = Comparator.comparing(ReviewItem::waitingSince)
                .thenComparing(m -> m.getString("_id"));
        out.sort(switch (f.order()) {
            case OLDEST -> oldest;
            case NEWEST -> oldest.reversed();
            case SEVERITY -> Comparator.comparingInt(ReviewItem::severityRank).thenComparing(oldest);
        });
        return out.size() > f.limit() ? List.copyOf(out.subList(0, f.limit())) : out;
    }

    private static boolean matchesKind(Document m, String kind) {
        return switch (kind) {
            case "held" -> ReviewItem.held(m);
            case "flagged" -> ReviewItem.flagged(m);
            case "reported" -> !ReviewItem.reports(m).isEmpty();
            default -> false;
        };
    }

    /** Blocking: every programme in scope, with what waits in it. */
    public List<ProgrammeSummary> summary(Scope scope) {
        List<Document> waiting = items(scope, Filter.waiting());
        List<ProgrammeSummary> out = new ArrayList<>();
        for (Programme p : scope.programmes()) {
            List<Document> mine = waiting.stream().filter(m -> p.id().equals(m.getString("programmeId"))).toList();
            out.add(new ProgrammeSummary(p, mine.size(),
                    (int) mine.stream().filter(ReviewItem::heldNow).count(),
                    (int) mine.stream().filter(m -> ReviewItem.state(m) == ReviewState.ESCALATED).count(),
                    (int) mine.stream().filter(m -> !ReviewItem.reports(m).isEmpty()).count(),
                    (int) mine.stream().filter(ReviewItem::urgent).count(),
                    mine.stream().map(ReviewItem::waitingSince).min(Comparator.naturalOrder()).orElse(null)));
        }
        return out;
    }
}
