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
    /*
     * How folded offsets map back, as segments (null when the text was plain ASCII and nothing changed): segment k
     * starts at folded offset segFolded[k] and original offset segOriginal[k]. A copied run of ASCII maps one to one
     * (segOriginalEnd[k] == -1); the chars one code point folded into all map to that code point,
     * [segOriginal[k], segOriginalEnd[k]). Characters folded to nothing have no segment. Segments instead of a
     * pair of offsets per char: most text is ASCII with a few other characters, and this is on every message's path.
     */
    private final int[] segFolded;
    private final int[] segOriginal;
    private final int[] segOriginalEnd;
    private final int segments;

    private NormalisedText(String original, String text, int[] segFolded, int[] segOriginal, int[] segOriginalEnd,
                           int segments) {
        this.original = original;
        this.text = text;
        this.segFolded = segFolded;
        this.segOriginal = segOriginal;
        this.segOriginalEnd = segOriginalEnd;
        this.segments = segments;
    }

    public static NormalisedText of(String raw) {
        String in = raw == null ? "" : raw;
        int firstChange = firstFoldedIndex(in);
        if (firstChange < 0) {
            return new NormalisedText(in, in, null, null, null, 0); // plain ASCII: offsets are the identity
        }
        int len = in.length();
        StringBuilder out = new StringBuilder(len + 16);
        Segments seg = new Segments();
        if (firstChange > 0) {
            seg.add(0, 0, -1);
            out.append(in, 0, firstChange);
        }
        int i = firstChange;
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
                seg.add(out.length(), i, -1);
                out.append(in, i, runEnd);
                i = runEnd;
                continue;
            }
            int cp = in.codePointAt(i);
            int next = i + Character.charCount(cp);
            String folded = Confusables.fold(cp);
            if (!folded.isEmpty()) {
                seg.add(out.length(), i, next);
                out.append(folded);
            }
            i = next;
        }
        return new NormalisedText(in, out.toString(), seg.folded, seg.original, seg.originalEnd, seg.n);
    }

    private static final class Segments {
        int[] folded = new int[16];
        int[] original = new int[16];
        int[] originalEnd = new int[16];
        int n;

        void add(int foldedAt, int originalAt, int originalEndAt) {
            if (n == folded.length) {
                folded = java.util.Arrays.copyOf(folded, n * 2);
                original = java.util.Arrays.copyOf(original, n * 2);
                originalEnd = java.util.Arrays.copyOf(originalEnd, n * 2);
            }
            folded[n] = foldedAt;
            original[n] = originalAt;
            originalEnd[n] = originalEndAt;
            n++;
        }
    }

    /** The segment that holds folded char {@code at} (0 <= at < text length). */
    private int segmentOf(int at) {
        int lo = 0, hi = segments - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (segFolded[mid] <= at) lo = mid;
            else hi = mid - 1;
        }
        return lo;
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
        if (segFolded == null) return at;
        int k = segmentOf(at);
        return segOriginalEnd[k] < 0 ? segOriginal[k] + (at - segFolded[k]) : segOriginal[k];
    }

    /** Offset in the original text just after folded char {@code index - 1} (exclusive end). */
    public int originalEnd(int endExclusive) {
        if (endExclusive <= 0) return 0;
        if (text.isEmpty()) return 0;
        int last = Math.min(endExclusive, text.length()) - 1;
        if (segFolded == null) return last + 1;
        int k = segmentOf(last);
        return segOriginalEnd[k] < 0 ? segOriginal[k] + (last - segFolded[k]) + 1 : segOriginalEnd[k];
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
