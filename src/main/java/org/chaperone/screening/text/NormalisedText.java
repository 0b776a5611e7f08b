package org.chaperone.screening.text;

import java.text.Normalizer;

/**
 * Text folded to what a reader would see, so that disguises do not hide contact details or
 * concerning words: zero-width and formatting characters are removed, every kind of space
 * becomes a plain space, full-width and styled letters become ASCII, digits of any script become
 * ASCII digits, look-alike letters from other scripts become the Latin letter they imitate, and
 * accents are dropped. Case is kept (postcodes and handles need it).
 *
 * <p>{@link #originalStart(int)} and {@link #originalEnd(int)} map an offset in the folded text
 * back to the text the person wrote, so a highlight points at their own characters.
 */
public final class NormalisedText {
    private final String original;
    private final String text;
    /** For each char of {@link #text}: the index in {@link #original} of the code point it came from. */
    private final int[] starts;
    /** For each char of {@link #text}: the index just past that code point in {@link #original}. */
    private final int[] ends;

    private NormalisedText(String original, String text, int[] starts, int[] ends) {
        this.original = original;
        this.text = text;
        this.starts = starts;
        this.ends = ends;
    }

    public static NormalisedText of(String raw) {
        String in = raw == null ? "" : raw;
        int firstChange = firstFoldedIndex(in);
        if (firstChange < 0) {
            return new NormalisedText(in, in, null, null); // plain ASCII: offsets are the identity
        }
        StringBuilder out = new StringBuilder(in.length() + 16);
        out.append(in, 0, firstChange);
        int[] starts = new int[in.length() + 16];
        int[] ends = new int[in.length() + 16];
        for (int k = 0; k < firstChange; k++) {
            starts[k] = k;
            ends[k] = k + 1;
        }
        int i = firstChange;
        int len = in.length();
        while (i < len) {
            char c = in.charAt(i);
            if (c < 0x80 && c != '\t') {
                // a run of plain ASCII is copied as it is, offsets one to one
                int runEnd = i + 1;
                while (runEnd < len) {
                    char d = in.charAt(runEnd);
                    if (d >= 0x80 || d == '\t') break;
                    runEnd++;
                }
                int pos = out.length();
                int need = pos + (runEnd - i);
                if (need > starts.length) {
                    starts = java.util.Arrays.copyOf(starts, Math.max(need, starts.length * 2) + 8);
                    ends = java.util.Arrays.copyOf(ends, starts.length);
                }
                for (int k = i; k < runEnd; k++, pos++) {
                    starts[pos] = k;
                    ends[pos] = k + 1;
                }
                out.append(in, i, runEnd);
                i = runEnd;
                continue;
            }
            int cp = in.codePointAt(i);
            int next = i + Character.charCount(cp);
            String folded = Confusables.fold(cp);
            for (int k = 0; k < folded.length(); k++) {
                int pos = out.length();
                if (pos >= starts.length) {
                    starts = java.util.Arrays.copyOf(starts, starts.length * 2 + 8);
                    ends = java.util.Arrays.copyOf(ends, starts.length);
                }
                starts[pos] = i;
                ends[pos] = next;
                out.append(folded.charAt(k));
            }
            i = next;
        }
        return new NormalisedText(in, out.toString(), starts, ends);
    }

    /** Index of the first char that folding changes, or -1 when the text is plain ASCII. */
    private static int firstFoldedIndex(String in) {
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c >= 0x80 || c == '\t') return i;
        }
        return -1;
    }

    /** The folded text. */
    public String text() {
        return text;
    }

    /** The text as written. */
    public String original() {
        return original;
    }

    /** Offset in the original text where folded char {@code index} came from. */
    public int originalStart(int index) {
        if (text.isEmpty()) return 0;
        if (index >= text.length()) return original.length();
        int at = Math.max(0, index);
        return starts == null ? at : starts[at];
    }

    /** Offset in the original text just after folded char {@code index - 1} (exclusive end). */
    public int originalEnd(int endExclusive) {
        if (endExclusive <= 0) return 0;
        if (text.isEmpty()) return 0;
        int last = Math.min(endExclusive, text.length()) - 1;
        return ends == null ? last + 1 : ends[last];
    }

    /** The original characters behind folded range [start, end). */
    public String originalSlice(int start, int end) {
        return original.substring(originalStart(start), originalEnd(end));
    }

    /** Folding of single code points. Kept apart so the Lucene analyzer can apply the same map. */
    public static final class Confusables {
        private Confusables() {}

        /** Look-alike letters from Cyrillic, Greek and other scripts that imitate Latin ones. */
        private static final String FROM =
                "АВЕКМНОРСТХУаеорсухіјѕԁԛԝһӏІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοριυνκτχ"
                        + "ǀ∣ⅼⅰℓ℮օսոհɡɑ"
                        // more Cyrillic and Greek shapes, dotless letters, small capitals
                        + "кмтнвгпѡьЬѵѴԜԌԍεϲϳȷıɩɵ"
                        + "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ"
                        // dashes and minus signs read as a hyphen; dots and bullets as a full stop
                        + "‐‑‒–—―−⁃﹘﹣"
                        + "·•∙‧。･"
                        // quotes and slashes
                        + "‘’‛′“”″⁄∕";
        private static final String TO =
                "ABEKMHOPCTXYaeopcyxijsdqwhlIJSABEZHIKMNOPTYXaopiuvktx"
                        + "lllileounhga"
                        + "kmthbrnwbbvVWGgecjjiio"
                        + "abcdefghijklmnoprstuvwyz"
                        + "----------"
                        + "......"
                        + "\'\'\'\'\"\"\"//";

        static {
            if (FROM.length() != TO.length()) {
                throw new IllegalStateException("confusables table out of step");
            }
        }

        /**
         * What one code point reads as. Returns "" for characters a reader does not see.
         */
        public static String fold(int cp) {
            if (cp < 0x80) {
                return cp == '\t' ? " " : String.valueOf((char) cp);
            }
            int type = Character.getType(cp);
            if (type == Character.FORMAT || cp == 0x034F || cp == 0xFEFF
                    || (cp >= 0x180B && cp <= 0x180E) || (cp >= 0xFE00 && cp <= 0xFE0F)) {
                return ""; // zero-width joiners, soft hyphens, variation selectors, BOM
            }
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                return ""; // combining accents and strike-through overlays
            }
            if (Character.isSpaceChar(cp) || Character.isWhitespace(cp) || cp == 0x2800) {
                return " ";
            }
            if (cp == 0x3164 || cp == 0x115F || cp == 0x1160 || cp == 0xFFA0) {
                return ""; // Hangul fillers render as nothing
            }
            if (Character.isDigit(cp)) {
                int d = Character.digit(cp, 10);
                if (d >= 0) return String.valueOf((char) ('0' + d));
            }
            int at = cp <= 0xFFFF ? FROM.indexOf((char) cp) : -1;
            if (at >= 0) {
                return String.valueOf(TO.charAt(at));
            }
            // Full-width, mathematical styled and circled letters, ligatures: NFKC, then accents off.
            String nfkc = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD);
            StringBuilder b = new StringBuilder(nfkc.length());
            for (int k = 0; k < nfkc.length(); ) {
                int c = nfkc.codePointAt(k);
                k += Character.charCount(c);
                int t = Character.getType(c);
                if (t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK) continue;
                if (c >= 0x80) {
                    int a = c <= 0xFFFF ? FROM.indexOf((char) c) : -1;
                    if (a >= 0) {
                        b.append(TO.charAt(a));
                        continue;
                    }
                    if (Character.isSpaceChar(c)) {
                        b.append(' ');
                        continue;
                    }
                }
                b.appendCodePoint(c);
            }
            return b.toString();
        }
    }
}
