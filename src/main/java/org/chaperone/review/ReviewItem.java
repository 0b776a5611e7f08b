package org.chaperone.review;

import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a stored message document as a review item: why it is in the queue (held, flagged,
 * reported), how severe, which categories, since when it has waited. The message's {@code review}
 * sub-document holds the item's state; the verdict says why it was flagged.
 */
public final class ReviewItem {
    /** Highest first. */
    public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");

    private ReviewItem() {}

    public static Document review(Document message) {
        return message.get("review", Document.class);
    }

    public static ReviewState state(Document message) {
        Document review = review(message);
        return review == null ? null : ReviewState.fromWire(review.getString("state"));
    }

    public static Document verdict(Document message) {
        Document v = message.get("verdict", Document.class);
        return v == null ? new Document() : v;
    }

    /** The verdict held the message (whatever was decided since). */
    public static boolean held(Document message) {
        return "hold".equals(verdict(message).getString("action"));
    }

    /** Still held now: no release or rejection yet. */
    public static boolean heldNow(Document message) {
        return "held".equals(message.getString("state"));
    }

    public static boolean flagged(Document message) {
        return "deliver_flagged".equals(verdict(message).getString("action"));
    }

    public static List<Document> reports(Document message) {
        Document review = review(message);
        return review == null ? List.of() : review.getList("reports", Document.class, List.of());
    }

    /** held, flagged or reported: the first that applies. */
    public static String kind(Document message) {
        if (held(message)) return "held";
        if (flagged(message)) return "flagged";
        return reports(message).isEmpty() ? "flagged" : "reported";
    }

    public static boolean urgent(Document message) {
        return verdict(message).getBoolean("urgent", false);
    }

    /** The highest severity of the concerns found, or null when only other rules (contact details…) applied. */
    public static String severity(Document message) {
        int best = Integer.MAX_VALUE;
        for (Document c : verdict(message).getList("concerns", Document.class, List.of())) {
            int i = SEVERITIES.indexOf(String.valueOf(c.getString("severity")).toLowerCase(Locale.ROOT));
            if (i >= 0 && i < best) best = i;
        }
        return best == Integer.MAX_VALUE ? null : SEVERITIES.get(best);
    }

    /** Rank for sorting: critical 0 … low 3, none 4. */
    public static int severityRank(Document message) {
        String s = severity(message);
        return s == null ? SEVERITIES.size() : SEVERITIES.indexOf(s);
    }

    /**
     * The categories that put the message here: each concern category, each other rule that flagged
     * or held it ({@code contact_details}, {@code direct_contact}, …), and {@code reported}.
     */
    public static List<String> categories(Document message) {
        Set<String> out = new LinkedHashSet<>();
        Document v = verdict(message);
        for (Document c : v.getList("concerns", Document.class, List.of())) out.add(c.getString("category"));
        for (Document r : v.getList("reasons", Document.class, List.of())) {
            String code = r.getString("code");
            if (code == null || "deliver".equals(r.getString("action"))) continue;
            if (!code.startsWith("concern:")) out.add(code);
        }
        if (!reports(message).isEmpty()) out.add("reported");
        return new ArrayList<>(out);
    }

    /** Since the message arrived, or since a report reopened it. */
    public static Instant waitingSince(Document message) {
        Document review = review(message);
        Date since = review == null ? null : review.getDate("waitingSince");
        return (since != null ? since : message.getDate("receivedAt")).toInstant();
    }

    public static Duration waited(Document message, Instant now) {
        Duration d = Duration.between(waitingSince(message), now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** "3 days 4 hours", "2 hours 5 minutes", "12 minutes", "less than a minute". */
    public static String describe(Duration d) {
        long days = d.toDays(), hours = d.toHoursPart(), minutes = d.toMinutesPart();
        if (days > 0) return plural(days, "day") + (hours > 0 ? " " + plural(hours, "hour") : "");
        if (hours > 0) return plural(hours, "hour") + (minutes > 0 ? " " + plural(minutes, "minute") : "");
        if (minutes > 0) return plural(minutes, "minute");
        return "less than a minute";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
