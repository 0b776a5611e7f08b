package org.chaperone.screening.contact;

/**
 * The folded text cut into tokens once, for every detector: runs of letters and digits, and single
 * punctuation characters. Whitespace is not a token; each token records whether whitespace came
 * before it and whether a hard break (a blank line, or a separator between HTML pieces) did, which
 * detectors never match across. Stored in parallel arrays so a 2 KB message costs a handful of
 * allocations.
 */
final class Tokens {
    static final byte WORD = 1;   // letters only
    static final byte DIGITS = 2; // digits only
    static final byte MIXED = 3;  // letters and digits
    static final byte PUNCT = 4;  // one other visible char

    final String text;
    private int n;
    private int[] start;
    private int[] end;
    private byte[] type;
    /** bit 0: whitespace before; bit 1: hard break before; bit 2: line break before. */
    private byte[] gap;
    private int[] slot;

    private Tokens(String text) {
        this.text = text;
        int cap = Math.max(16, text.length() / 3);
        start = new int[cap];
        end = new int[cap];
        type = new byte[cap];
        gap = new byte[cap];
        slot = new int[cap];
    }

    static Tokens of(String text) {
        Tokens t = new Tokens(text);
        t.scan();
        return t;
    }

    private void scan() {
        String s = text;
        int len = s.length();
        int i = 0;
        int newlines = 0;
        boolean space = false;
        while (i < len) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B || c == 0x2028 || c == 0x2029) {
                space = true;
                if (c == '\n' || c == 0x2028 || c == 0x2029) newlines++;
                if (c == 0x2029) newlines++;
                i++;
                continue;
            }
            int from = i;
            byte kind;
            if (wordChar(c)) {
                boolean letters = false;
                boolean digits = false;
                while (i < len && wordChar(s.charAt(i))) {
                    char d = s.charAt(i);
                    if (d >= '0' && d <= '9') digits = true;
                    else letters = true;
                    i++;
                }
                kind = letters && digits ? MIXED : digits ? DIGITS : WORD;
            } else {
                i++;
                if (Character.isHighSurrogate(c) && i < len && Character.isLowSurrogate(s.charAt(i))) i++;
                kind = PUNCT;
            }
            add(from, i, kind, (byte) ((space ? 1 : 0) | (newlines >= 2 ? 2 : 0) | (newlines >= 1 ? 4 : 0)));
            space = false;
            newlines = 0;
        }
    }

    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) ASCII_WORD[c] = true;
        for (char c = 'a'; c <= 'z'; c++) ASCII_WORD[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) ASCII_WORD[c] = true;
    }

    private static boolean wordChar(char c) {
        return c < 128 ? ASCII_WORD[c] : Character.isLetterOrDigit(c);
    }

    private void add(int from, int to, byte kind, byte g) {
        if (n == start.length) {
            int cap = n * 2;
            start = java.util.Arrays.copyOf(start, cap);
            end = java.util.Arrays.copyOf(end, cap);
            type = java.util.Arrays.copyOf(type, cap);
            gap = java.util.Arrays.copyOf(gap, cap);
            slot = java.util.Arrays.copyOf(slot, cap);
        }
        start[n] = from;
        end[n] = to;
        type[n] = kind;
        gap[n] = g;
        slot[n] = kind == PUNCT || kind == DIGITS ? -1 : Words.LEX.find(text, from, to);
        n++;
    }

    int size() {
        return n;
    }

    int start(int i) {
        return start[i];
    }

    int end(int i) {
        return end[i];
    }

    byte type(int i) {
        return type[i];
    }

    int length(int i) {
        return end[i] - start[i];
    }

    boolean isWord(int i) {
        return i >= 0 && i < n && type[i] == WORD;
    }

    boolean isAlnum(int i) {
        return i >= 0 && i < n && type[i] != PUNCT;
    }

    boolean isDigits(int i) {
        return i >= 0 && i < n && type[i] == DIGITS;
    }

    boolean isPunct(int i, char c) {
        return i >= 0 && i < n && type[i] == PUNCT && text.charAt(start[i]) == c;
    }

    boolean isPunct(int i) {
        return i >= 0 && i < n && type[i] == PUNCT;
    }

    char firstChar(int i) {
        return text.charAt(start[i]);
    }

    /** Whitespace between token i-1 and token i. */
    boolean spaceBefore(int i) {
        return i > 0 && i < n && (gap[i] & 1) != 0;
    }

    /** Token i touches token i-1 (no whitespace between). */
    boolean joined(int i) {
        return i > 0 && i < n && (gap[i] & 1) == 0;
    }

    /** A blank line or a piece separator before token i: nothing matches across it. */
    boolean hardBreakBefore(int i) {
        return i > 0 && i < n && (gap[i] & 2) != 0;
    }

    boolean lineBreakBefore(int i) {
        return i > 0 && i < n && (gap[i] & 4) != 0;
    }

    long flags(int i) {
        return i < 0 || i >= n ? 0L : Words.LEX.flags(slot[i]);
    }

    boolean has(int i, long role) {
        return (flags(i) & role) != 0;
    }

    int value(int i) {
        return Words.LEX.value(slot[i]);
    }

    String str(int i) {
        return text.substring(start[i], end[i]);
    }

    String lower(int i) {
        return str(i).toLowerCase(java.util.Locale.ROOT);
    }

    boolean is(int i, String word) {
        return i >= 0 && i < n && end[i] - start[i] == word.length()
                && text.regionMatches(true, start[i], word, 0, word.length());
    }

    boolean isUpperInitial(int i) {
        return i >= 0 && i < n && Character.isUpperCase(text.charAt(start[i]));
    }

    /** Roles of the word made by two adjacent word tokens ("tik tok", "whats app"), or 0. */
    long pairFlags(int i) {
        if (!isAlnum(i) || !isAlnum(i + 1) || hardBreakBefore(i + 1) || (flags(i) & Words.PAIR_HEAD) == 0) return 0L;
        int len = end[i + 1] - start[i + 1] + end[i] - start[i];
        if (len > 24) return 0L;
        String joinedWord = str(i) + str(i + 1);
        return Words.LEX.flagsOf(joinedWord);
    }

    int pairValue(int i) {
        String joinedWord = str(i) + str(i + 1);
        return Words.LEX.value(Words.LEX.find(joinedWord, 0, joinedWord.length()));
    }
}
