package org.chaperone.screening.concern.analysis;

import java.util.List;

/**
 * Reads digits and symbols written in place of letters: {@code d0nt t3ll} is "dont tell",
 * {@code $ecret} is "secret". '1' and '|' may be an i or an l, so both readings are returned.
 */
final class Leetspeak {
    private Leetspeak() {}

    /** Symbols that stand for letters inside a word. */
    static boolean isSymbol(int c) {
        return c == '@' || c == '$' || c == '!' || c == '|' || c == '+' || c == '\u20AC';
    }

    private static char letterFor(char c, boolean secondReading) {
        return switch (c) {
            case '0' -> 'o';
            case '1', '|' -> secondReading ? 'l' : 'i';
            case '3', '\u20AC' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7', '+' -> 't';
            case '8' -> 'b';
            case '9' -> 'g';
            case '!' -> 'i';
            default -> c;
        };
    }

    /** True when {@code term} mixes letters with digits or letter-symbols, i.e. may be disguised. */
    static boolean applies(char[] term, int len) {
        boolean letter = false, stand = false;
        for (int i = 0; i < len; i++) {
            char c = term[i];
            if (Character.isLetter(c)) letter = true;
            else if ((c >= '0' && c <= '9') || isSymbol(c)) stand = true;
        }
        return letter && stand;
    }

    /**
     * The readings of a disguised word. A word that starts with a digit ({@code 5pm}, {@code 3rd},
     * {@code 16yo}) keeps its written form as well.
     */
    static List<String> readings(String term) {
        char[] a = term.toCharArray();
        char[] b = term.toCharArray();
        boolean ambiguous = false;
        for (int i = 0; i < a.length; i++) {
            a[i] = letterFor(a[i], false);
            b[i] = letterFor(b[i], true);
            ambiguous |= a[i] != b[i];
        }
        String first = new String(a);
        boolean keep = Character.isDigit(term.charAt(0));
        if (ambiguous) {
            return keep ? List.of(term, first, new String(b)) : List.of(first, new String(b));
        }
        return keep ? List.of(term, first) : List.of(first);
    }
}
