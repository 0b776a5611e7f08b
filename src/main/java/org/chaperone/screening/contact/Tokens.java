package org.chaperone.screening.contact;

/**
 * The folded text cut into tokens once, for every detector: runs of letters and digits, and single
 * punctuation characters. Whitespace is not a token; each token records whether whitespace came
 * before it and whether a hard break (a blank line, or a separator between HTML pieces) did, which
 * detectors never match across. Stored in parallel arrays so a 2 KB message costs a handful of
 * allocations.
 *
 * <p>Each token also carries anchor bits: whether a detector could start or continue a finding at
 * it. A detector with nothing under way jumps to its next anchor ({@link #next}) instead of
 * looking at every token, which is most of the saving on ordinary prose; the anchors are exactly
 * the tokens each detector's loop would not pass over, so skipping changes no finding.
 */
final class Tokens {
    static final byte WORD = 1;   // letters only
    static final byte DIGITS = 2; // digits only
    static final byte MIXED = 3;  // letters and digits
    static final byte PUNCT = 4;  // one other visible char

    // anchor bits, one per detector
    static final byte PHONE = 1;
    static final byte EMAIL = 2;
    static final byte LINK = 4;
    static final byte HANDLE = 8;
    static final byte POSTAL = 16;

    /** Words a phone number can start with when none is under way. */
    private static final long NUMBER_WORDS = Words.DIGIT | Words.TEEN | Words.TENS | Words.HUNDRED | Words.REPEAT;

    final String text;
    private int n;
    private int[] start;
    private int[] end;
    private byte[] type;
    /** bit 0: whitespace before; bit 1: hard break before; bit 2: line break before. */
    private byte[] gap;
    /** Roles from the word table with {@link #RESOLVED} set once looked up; 0 until then. */
    private long[] flags;
    private int[] value;
    private int[] hash;
    private byte[] anchors;
    private static final long RESOLVED = 1L << 62;

    private Tokens(String text) {
        this.text = text;
        int cap = 16 + text.length() / 4; // prose has about one token in five chars
        start = new int[cap];
        end = new int[cap];
        type = new byte[cap];
        gap = new byte[cap];
        flags = new long[cap];
        value = new int[cap];
        hash = new int[cap];
        anchors = new byte[cap];
    }

    static Tokens of(String text) {
        return of(text, false);
    }

    /** @param everyToken make every token an anchor of every detector (what the detectors did before anchors) */
    static Tokens of(String text, boolean everyToken) {
        Tokens t = new Tokens(text);
        t.scan();
        if (everyToken) java.util.Arrays.fill(t.anchors, 0, t.n, (byte) (PHONE | EMAIL | LINK | HANDLE | POSTAL));
        else t.anchor();
        return t;
    }

    private void scan() {
        char[] s = text.toCharArray(); // plain array reads: the scanner is a large part of screening's time
        int len = s.length;
        int i = 0;
        int newlines = 0;
        boolean space = false;
        while (i < len) {
            char c = s[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B || c == 0x2028 || c == 0x2029) {
                space = true;
                if (c == '\n' || c == 0x2028 || c == 0x2029) newlines++;
                if (c == 0x2029) newlines++;
                i++;
                continue;
            }
            int from = i;
            byte kind;
            int hash = 0;
            if (wordChar(c)) {
                boolean letters = false;
                boolean digits = false;
                while (i < len) {
                    char d = s[i];
                    if (d < 128) {
                        if (!ASCII_WORD[d]) break;
                        if (d <= '9') digits = true;
                        else letters = true;
                        hash = 31 * hash + (d | 0x20); // lower case for ASCII letters, digits unchanged
                    } else {
                        if (!Character.isLetterOrDigit(d)) break;
                        letters |= !(d >= '0' && d <= '9');
                        hash = 31 * hash + Lexicon.lower(d);
                    }
                    i++;
                }
                kind = letters && digits ? MIXED : digits ? DIGITS : WORD;
            } else {
                i++;
                if (Character.isHighSurrogate(c) && i < len && Character.isLowSurrogate(s[i])) i++;
                kind = PUNCT;
            }
            add(from, i, kind, (byte) ((space ? 1 : 0) | (newlines >= 2 ? 2 : 0) | (newlines >= 1 ? 4 : 0)), hash);
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

    private void add(int from, int to, byte kind, byte g, int wordHash) {
        if (n == start.length) {
            int cap = n * 2;
            start = java.util.Arrays.copyOf(start, cap);
            end = java.util.Arrays.copyOf(end, cap);
            type = java.util.Arrays.copyOf(type, cap);
            gap = java.util.Arrays.copyOf(gap, cap);
            flags = java.util.Arrays.copyOf(flags, cap);
            value = java.util.Arrays.copyOf(value, cap);
            hash = java.util.Arrays.copyOf(hash, cap);
            anchors = java.util.Arrays.copyOf(anchors, cap);
        }
        start[n] = from;
        end[n] = to;
        type[n] = kind;
        gap[n] = g;
        if (kind == WORD || kind == MIXED) {
            // anchor words now (the anchors need them); the rest only if a detector asks
            hash[n] = wordHash;
            int slot = Words.ANCHOR_WORDS.find(text, from, to, wordHash);
            if (slot >= 0) {
                flags[n] = Words.ANCHOR_WORDS.flags(slot) | RESOLVED;
                value[n] = Words.ANCHOR_WORDS.value(slot);
            }
        } else {
            flags[n] = RESOLVED;
        }
        n++;
    }

    /**
     * Marks each token with the detectors that must look at it even when nothing is under way. Each rule is the
     * condition that the detector's own loop tests before doing anything at a token.
     */
    private void anchor() {
        for (int i = 0; i < n; i++) {
            byte t = type[i];
            long f = flags[i];
            int a = 0;
            if (t == PUNCT) {
                char c = text.charAt(start[i]);
                if (c == '+') a |= PHONE;
                else if (c == '@') a |= EMAIL | HANDLE;
            } else {
                // phone: digits, number words, a lone "o" standing for zero
                if (t != WORD || (f & NUMBER_WORDS) != 0
                        || (end[i] - start[i] == 1 && (text.charAt(start[i]) | 0x20) == 'o')) {
                    a |= PHONE;
                }
                // email: "at" as a word; "amyATgmailDOTcom"
                if ((f & Words.AT_WORD) != 0 || (end[i] - start[i] >= 7 && hasCapitalAt(text, start[i], end[i]))) {
                    a |= EMAIL;
                }
                // handle: platform and provider names, first halves of two-word names, "amy#1234", "live:amy"
                if ((f & (Words.PLATFORM | Words.PROVIDER | Words.PAIR_HEAD)) != 0
                        || (i + 1 < n && type[i + 1] == PUNCT && (gap[i + 1] & 1) == 0
                        && (text.charAt(start[i + 1]) == '#' || text.charAt(start[i + 1]) == ':'))) {
                    a |= HANDLE;
                }
                // postal: numbers, postcodes, single letters, address and flat cue words, "house", "home"
                if (t != WORD || end[i] - start[i] == 1 || (f & (Words.FLAT | Words.ADDRESS_CUE | Words.HOME)) != 0) {
                    a |= POSTAL;
                }
            }
            anchors[i] |= (byte) a;
            // link: every token from which "label(-label)*." reaches a dot joined to the next label
            if (t == PUNCT && text.charAt(start[i]) == '.' && joined(i) && isAlnum(i - 1) && isAlnum(i + 1)
                    && joined(i + 1)) {
                int q = i - 1;
                anchors[q] |= LINK;
                while (isPunct(q - 1, '-') && joined(q - 1) && isAlnum(q - 2) && joined(q)) {
                    q -= 2;
                    anchors[q] |= LINK;
                }
            }
        }
    }

    /** A lower-case letter or digit followed by "AT" inside a word: "amyATgmail". */
    static boolean hasCapitalAt(String s, int from, int to) {
        for (int i = from + 1; i + 2 < to; i++) {
            if (s.charAt(i) == 'A' && s.charAt(i + 1) == 'T') {
                char before = s.charAt(i - 1);
                if (Character.isLowerCase(before) || Character.isDigit(before)) return true;
            }
        }
        return false;
    }

    /** The first token at or after {@code i} that detector {@code anchor} must look at, or {@link #size()}. */
    int next(int i, byte anchor) {
        byte[] a = anchors;
        int k = Math.max(i, 0);
        while (k < n && (a[k] & anchor) == 0) k++;
        return k;
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

    /** The token's type, or 0 past either end (detectors look ahead without checking the length). */
    byte type(int i) {
        return i >= 0 && i < n ? type[i] : 0;
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
        if (i < 0 || i >= n) return 0L;
        long f = flags[i];
        if (f == 0L) f = resolve(i);
        return f & ~RESOLVED;
    }

    private long resolve(int i) {
        int slot = Words.LEX.find(text, start[i], end[i], hash[i]);
        value[i] = Words.LEX.value(slot);
        return flags[i] = Words.LEX.flags(slot) | RESOLVED;
    }

    boolean has(int i, long role) {
        return (flags(i) & role) != 0;
    }

    int value(int i) {
        flags(i);
        return value[i];
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
