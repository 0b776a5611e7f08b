package org.chaperone.review;

import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Cuts each screened text part into segments, each either plain or covered by one or more matches
 * (a contact detail, a concern), so a screen can show the matches in place without ever treating
 * the text as markup. Offsets are UTF-16 indexes into the part, as the screeners report them.
 */
public final class Highlights {
    /** A match laid over a part: {@code kind} contact or concern, {@code label} says which. */
    public record Mark(String kind, String label) {}

    public record Segment(String text, List<Mark> marks) {}

    public record Part(String source, String label, List<Segment> segments) {}

    private record Span(int start, int end, Mark mark) {}

    private Highlights() {}

    public static List<Part> of(Document message) {
        Map<String, String> texts = new LinkedHashMap<>();
        List<Document> stored = message.containsKey("parts") && message.get("parts") != null
                ? message.getList("parts", Document.class) : null;
        if (stored != null) {
            for (Document p : stored) texts.put(p.getString("source"), p.getString("text"));
        } else {
            String subject = message.getString("subject");
            if (subject != null && !subject.isBlank()) texts.put("subject", subject);
            texts.put("text:0", message.getString("text") == null ? "" : message.getString("text"));
        }
        Map<String, List<Span>> spans = new LinkedHashMap<>();
        Document verdict = ReviewItem.verdict(message);
        for (Document c : verdict.getList("contacts", Document.class, List.of())) {
            add(spans, c.getString("part"), c.getInteger("start", -1), c.getInteger("end", -1),
                    new Mark("contact", "contact detail: " + String.valueOf(c.getString("kind")).replace('_', ' ')));
        }
        for (Document c : verdict.getList("concerns", Document.class, List.of())) {
            Mark mark = new Mark("concern", String.valueOf(c.getString("category")).replace('_', ' ')
                    + " (" + c.getString("severity") + ")");
            for (Document s : c.getList("spans", Document.class, List.of())) {
                add(spans, c.getString("part"), s.getInteger("start", -1), s.getInteger("end", -1), mark);
            }
        }
        List<Part> out = new ArrayList<>();
        texts.forEach((source, text) -> out.add(new Part(source, label(source), segments(text == null ? "" : text,
                spans.getOrDefault(source, List.of())))));
        return out;
    }

    private static void add(Map<String, List<Span>> spans, String part, int start, int end, Mark mark) {
        if (part == null) return;
        spans.computeIfAbsent(part, k -> new ArrayList<>()).add(new Span(start, end, mark));
    }

    static List<Segment> segments(String text, List<Span> spans) {
        List<Span> valid = spans.stream()
                .map(s -> new Span(Math.max(0, s.start()), Math.min(text.length(), s.end()), s.mark()))
                .filter(s -> s.start() < s.end()).toList();
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, text.length()));
        for (Span s : valid) {
            cuts.add(s.start());
            cuts.add(s.end());
        }
        List<Segment> out = new ArrayList<>();
        Integer previous = null;
        for (int cut : cuts) {
            if (previous != null && cut > previous) {
                int a = previous;
                List<Mark> marks = valid.stream().filter(s -> s.start() <= a && s.end() >= cut).map(Span::mark)
                        .distinct().toList();
                Segment last = out.isEmpty() ? null : out.getLast();
                if (last != null && last.marks().equals(marks)) {
                    out.set(out.size() - 1, new Segment(last.text() + text.substring(a, cut), marks));
                } else {
                    out.add(new Segment(text.substring(a, cut), marks));
                }
            }
            previous = cut;
        }
        if (out.isEmpty()) out.add(new Segment("", List.of()));
        return out;
    }

    static String label(String source) {
        String kind = source.contains(":") ? source.substring(0, source.indexOf(':')) : source;
        return switch (kind) {
            case "subject" -> "Subject";
            case "text" -> "Message text";
            case "html" -> "Formatted (HTML) text, including anything hidden";
            case "attachment-name" -> "Attachment name";
            default -> source;
        };
    }
}
