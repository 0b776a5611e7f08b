package org.chaperone.review;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.chaperone.pipeline.Messages;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.Programme;
import org.chaperone.store.MongoStore;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers for a programme's charts: flags per week by category, and messages per pairing (so a
 * mentee who hears much less than the others stands out). Weeks start on Monday in the programme's
 * time zone. Counted here from one scan of the programme's recent messages.
 */
public final class ReviewStats {
    public static final int MAX_WEEKS = 52;

    public record Week(LocalDate start, Map<String, Integer> counts) {}

    public record Flags(List<String> categories, List<Week> weeks) {}

    public record PairingCount(Pairing pairing, int mentorToMentee, int menteeToMentor, int flagged, Instant lastMessageAt) {
        public int total() {
            return mentorToMentee + menteeToMentor;
        }
    }

    private final MongoCollection<Document> messages;

    public ReviewStats(MongoStore store) {
        this.messages = store.collection(Messages.COLLECTION);
    }

    public static LocalDate firstWeek(Instant now, ZoneId zone, int weeks) {
        return now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(weeks - 1L);
    }

    /** Blocking. */
    public Flags flagsPerWeek(Scope scope, Programme programme, int weeks, Instant now) {
        ZoneId zone = programme.policy().zone();
        LocalDate first = firstWeek(now, zone, weeks);
        Map<LocalDate, Map<String, Integer>> byWeek = new LinkedHashMap<>();
        for (int i = 0; i < weeks; i++) byWeek.put(first.plusWeeks(i), new LinkedHashMap<>());
        Map<String, Integer> totals = new LinkedHashMap<>();
        for (Document m : recent(scope, programme, first.atStartOfDay(zone).toInstant())) {
            boolean flag = !"deliver".equals(ReviewItem.verdict(m).getString("action")) || !ReviewItem.reports(m).isEmpty();
            if (!flag) continue;
            LocalDate week = m.getDate("receivedAt").toInstant().atZone(zone).toLocalDate()
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            Map<String, Integer> counts = byWeek.get(week);
            if (counts == null) continue;
            for (String category : ReviewItem.categories(m)) {
                counts.merge(category, 1, Integer::sum);
                totals.merge(category, 1, Integer::sum);
            }
        }
        List<String> categories = totals.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        List<Week> out = new ArrayList<>();
        byWeek.forEach((start, counts) -> out.add(new Week(start, counts)));
        return new Flags(categories, out);
    }

    /** Blocking: every pairing of the programme in scope, with the messages written in the window, fewest first. */
    public List<PairingCount> messagesPerPairing(Scope scope, Programme programme, int weeks, Instant now) {
        ZoneId zone = programme.policy().zone();
        Instant since = firstWeek(now, zone, weeks).atStartOfDay(zone).toInstant();
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Instant> last = new LinkedHashMap<>();
        for (Document m : recent(scope, programme, since)) {
            int[] c = counts.computeIfAbsent(m.getString("pairingId"), k -> new int[3]);
            c["mentee_to_mentor".equals(m.getString("direction")) ? 1 : 0]++;
            if (!"deliver".equals(ReviewItem.verdict(m).getString("action"))) c[2]++;
            Instant at = m.getDate("receivedAt").toInstant();
            last.merge(m.getString("pairingId"), at, (a, b) -> a.isAfter(b) ? a : b);
        }
        List<PairingCount> out = new ArrayList<>();
        for (Pairing p : scope.pairingsOf(programme.id())) {
            int[] c = counts.getOrDefault(p.id(), new int[3]);
            out.add(new PairingCount(p, c[0], c[1], c[2], last.get(p.id())));
        }
        out.sort(Comparator.comparingInt(PairingCount::total).thenComparing(pc -> pc.pairing().id()));
        return out;
    }

    private List<Document> recent(Scope scope, Programme programme, Instant since) {
        return messages.find(Filters.and(scope.filter(), Filters.eq("programmeId", programme.id()),
                        Filters.gte("receivedAt", Date.from(since))))
                .projection(Projections.include("pairingId", "direction", "receivedAt", "verdict", "review.reports"))
                .into(new ArrayList<>());
    }
}
