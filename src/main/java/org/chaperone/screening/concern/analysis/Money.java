package org.chaperone.screening.concern.analysis;

/**
 * Amounts of money: "£20", "$5", "€10" read as the amount and as the word {@code money}, so a
 * query about giving someone money also sees "I'll give you £20".
 */
final class Money {
    private Money() {}

    static boolean isCurrency(int c) {
        return c == '\u00A3' || c == '$' || c == '\u20AC' || c == '\u00A5';
    }

    /** True for a currency sign followed by digits (with separators): "£20", "$1,000.50". */
    static boolean isAmount(char[] term, int len) {
        if (len < 2 || !isCurrency(term[0]) || !Character.isDigit(term[1])) return false;
        for (int i = 2; i < len; i++) {
            char c = term[i];
            if (!Character.isDigit(c) && c != '.' && c != ',') return false;
        }
        return true;
    }
}
