package org.chaperone.screening.concern.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads stretched words: a letter typed three or more times in a row ({@code sooo}, {@code
 * pleeeease}, {@code kiiiill}) may stand for one or two of it, so both readings are returned.
 */
final class Stretching {
    private static final int MAX_READINGS = 8;

    private Stretching() {}

    static boolean applies(char[] term, int len) {
        for (int i = 2; i < len; i++) {
            if (term[i] == term[i - 1] && term[i] == term[i - 2] && Character.isLetter(term[i])) return true;
        }
        return false;
    }

    static List<String> readings(String term) {
        Set<String> out = new LinkedHashSet<>();
        expand(term, 0, new StringBuilder(), out);
        return new ArrayList<>(out);
    }

    private static void expand(String term, int from, StringBuilder prefix, Set<String> out) {
        if (out.size() >= MAX_READINGS) return;
        int i = from;
        while (i < term.length()) {
            char c = term.charAt(i);
            int run = 1;
            while (i + run < term.length() && term.charAt(i + run) == c) run++;
            if (run >= 3 && Character.isLetter(c)) {
                int mark = prefix.length();
                for (int keep = 1; keep <= 2; keep++) {
                    prefix.setLength(mark);
                    prefix.append(String.valueOf(c).repeat(keep));
                    expand(term, i + run, prefix, out);
                }
                prefix.setLength(mark);
                return;
            }
            prefix.append(term, i, i + run);
            i += run;
        }
        out.add(prefix.toString());
    }
}
