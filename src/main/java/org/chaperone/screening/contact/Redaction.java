package org.chaperone.screening.contact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Replaces contact details with a marker, for programmes that redact and deliver. */
public final class Redaction {
    public static final String MARKER = "[contact details removed]";

    private Redaction() {}

    /**
     * {@code text} with each finding's span replaced by {@link #MARKER}; overlapping or touching
     * findings become one marker. Findings must come from screening this same text.
     */
    public static String redact(String text, List<ContactFinding> findings) {
        if (text == null || findings == null || findings.isEmpty()) return text;
        List<ContactFinding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt(ContactFinding::start));
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        int i = 0;
        while (i < sorted.size()) {
            int start = Math.min(sorted.get(i).start(), text.length());
            int end = Math.min(sorted.get(i).end(), text.length());
            i++;
            while (i < sorted.size() && sorted.get(i).start() <= end) {
                end = Math.max(end, Math.min(sorted.get(i).end(), text.length()));
                i++;
            }
            if (start < pos) start = pos;
            out.append(text, pos, start).append(MARKER);
            pos = Math.max(pos, end);
        }
        out.append(text, pos, text.length());
        return out.toString();
    }
}
