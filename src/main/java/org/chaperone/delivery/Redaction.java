package org.chaperone.delivery;

import java.util.Comparator;
import java.util.List;

/** Replaces each found contact detail with a marker, longest first so overlapping finds are covered. */
public final class Redaction {
    public static final String MARKER = "[contact details removed]";

    private Redaction() {}

    public static String replaceAll(String text, List<String> details) {
        if (text == null) return null;
        String out = text;
        for (String d : details.stream().filter(s -> s != null && !s.isBlank())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            out = out.replace(d, MARKER);
        }
        return out;
    }
}
