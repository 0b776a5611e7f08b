package org.chaperone.screening.contact;

import java.util.Set;

/**
 * Finds UK postal addresses: full postcodes (the official format, checked against the real
 * postcode areas, also when typed in lower case or spaced out) and street addresses ("14 Elm Road",
 * "22b Baker Street", "flat 3, 27 Park Lane", "number 12 on Victoria Street", "I live on Elm Road").
 */
final class PostalDetector {
    /** The UK postcode areas; a letter pair outside this list is not a postcode. */
    private static final Set<String> AREAS = Set.of((
            "AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY"
                    + " E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD"
                    + " LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG"
                    + " SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE")
            .split(" "));

    void find(Tokens t, Hits hits) {
        int n = t.size();
        for (int i = 0; i < n; i++) {
            i = t.next(i, Tokens.POSTAL);
            if (i >= n) break;
            byte type = t.type(i);
            if (type == Tokens.PUNCT) continue;
            if (type == Tokens.WORD && t.length(i) > 1
                    && (t.flags(i) & (Words.FLAT | Words.ADDRESS_CUE | Words.HOME)) == 0) {
                continue; // only numbers, postcodes and a few cue words start an address
            }
            int end = postcode(t, i);
            if (end >= 0) {
                hits.add(ContactKind.POSTAL, t.start(i), t.end(end));
                i = end;
                continue;
            }
            end = street(t, i);
            if (end >= 0) {
                int from = flatBefore(t, i);
                hits.add(ContactKind.POSTAL, t.start(from), t.end(end));
                i = end;
                continue;
            }
            end = flatInBuilding(t, i);
            if (end >= 0) {
                hits.add(ContactKind.POSTAL, t.start(i), t.end(end));
                i = end;
                continue;
            }
            end = liveOn(t, i);
            if (end >= 0) {
                hits.add(ContactKind.POSTAL, t.start(i), t.end(end));
                i = end;
            }
        }
    }

    // ---- postcodes -------------------------------------------------------------------------

    /** Last token of a postcode starting at token i, or -1. */
    private static int postcode(Tokens t, int i) {
        if (i > 0 && t.joined(i) && t.isAlnum(i - 1)) return -1;
        int len = t.length(i);
        // "SW1A 1AA" or "sw1a 1aa": outward then inward
        if (len >= 2 && len <= 4 && t.type(i) == Tokens.MIXED && t.type(i + 1) == Tokens.MIXED
                && t.length(i + 1) == 3 && !t.hardBreakBefore(i + 1)) {
            String out = t.str(i);
            String in = t.str(i + 1);
            if (outward(out) && inward(in) && caseOk(out + in) && !(t.isAlnum(i + 2) && t.joined(i + 2))) {
                return i + 1;
            }
        }
        // "SW1A1AA"
        if (len >= 5 && len <= 7 && t.type(i) == Tokens.MIXED) {
            String s = t.str(i);
            if (outward(s.substring(0, len - 3)) && inward(s.substring(len - 3)) && caseOk(s)) {
                return i;
            }
        }
        // "S W 1 A 1 A A", "S.W.1.A 1.A.A": single characters spaced or dotted out
        if (len == 1 && Character.isUpperCase(t.firstChar(i))) {
            StringBuilder b = new StringBuilder(8);
            int k = i;
            int last = -1;
            while (k < t.size() && b.length() < 7) {
                if (t.isAlnum(k) && t.length(k) <= 2 && (k == i || !t.hardBreakBefore(k))) {
                    b.append(t.str(k));
                    last = k;
                    k++;
                    if (t.isPunct(k) && ".-".indexOf(t.firstChar(k)) >= 0) k++;
                    if (b.length() >= 5 && compactPostcode(b.toString())
                            && !(t.isAlnum(last + 1) && t.length(last + 1) == 1 && !t.hardBreakBefore(last + 1)
                            && compactPostcode(b + t.str(last + 1)))) {
                        return last;
                    }
                } else {
                    break;
                }
            }
        }
        return -1;
    }

    private static boolean compactPostcode(String s) {
        int len = s.length();
        if (len < 5 || len > 7) return false;
        return outward(s.substring(0, len - 3)) && inward(s.substring(len - 3)) && s.equals(s.toUpperCase());
    }

    /** A1, A11, AA1, AA11, A1A, AA1A with a real area. */
    private static boolean outward(String s) {
        int len = s.length();
        if (len < 2 || len > 4) return false;
        int letters = 0;
        while (letters < len && Character.isLetter(s.charAt(letters))) letters++;
        if (letters < 1 || letters > 2) return false;
        if (!AREAS.contains(s.substring(0, letters).toUpperCase())) return false;
        String rest = s.substring(letters);
        if (rest.isEmpty() || !isDigit(rest.charAt(0))) return false;
        if (rest.length() == 1) return true;
        if (rest.length() == 2) return isDigit(rest.charAt(1)) || Character.isLetter(rest.charAt(1));
        return false;
    }

    /** 9AA, where the letters are never C, I, K, M, O or V. */
    private static boolean inward(String s) {
        if (s.length() != 3 || !isDigit(s.charAt(0))) return false;
        for (int k = 1; k < 3; k++) {
            char c = Character.toUpperCase(s.charAt(k));
            if (c < 'A' || c > 'Z' || "CIKMOV".indexOf(c) >= 0) return false;
        }
        return true;
    }

    /** All upper case, or all lower case that is not an ordinal ("y7 4th" is not a postcode). */
    private static boolean caseOk(String s) {
        if (s.equals(s.toUpperCase())) return true;
        if (!s.equals(s.toLowerCase())) return false;
        String tail = s.substring(s.length() - 2);
        return !(tail.equals("st") || tail.equals("nd") || tail.equals("rd") || tail.equals("th"));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // ---- street addresses ------------------------------------------------------------------

    /** "14 Elm Road", "22b Baker Street", "12-14 High St", "number 12 on Victoria Street". */
    private static int street(Tokens t, int i) {
        int k = houseNumber(t, i);
        if (k < 0) return -1;
        if (negativeBefore(t, i)) return -1;
        boolean numberCue = i > 0 && (t.is(i - 1, "number") || t.is(i - 1, "no") || t.is(i - 1, "house")
                || (t.isPunct(i - 1, '.') && t.is(i - 2, "no")));
        if (t.isPunct(k, ',')) k++;
        if (numberCue && (t.is(k, "on") || t.is(k, "in") || t.is(k, "at") || t.is(k, "of"))) k++;
        return streetName(t, k, false);
    }

    /** Index of the token after a house number starting at i (1-4 digits, an optional letter), or -1. */
    private static int houseNumber(Tokens t, int i) {
        if (i > 0 && t.joined(i) && (t.isAlnum(i - 1) || t.isPunct(i - 1, '.') || t.isPunct(i - 1, '/')
                || t.isPunct(i - 1, ':') || t.isPunct(i - 1, '£') || t.isPunct(i - 1, '$'))) {
            return -1;
        }
        if (t.isDigits(i)) {
            if (t.length(i) > 4 || t.firstChar(i) == '0') return -1;
            int k = i + 1;
            if (t.isWord(k) && t.joined(k) && t.length(k) == 1) k++; // 22b
            else if (t.isPunct(k, '-') && t.joined(k) && t.isDigits(k + 1) && t.joined(k + 1)) k += 2; // 12-14
            if (t.isAlnum(k) && t.joined(k)) return -1;
            return k;
        }
        if (t.type(i) == Tokens.MIXED) {
            String s = t.str(i);
            int d = 0;
            while (d < s.length() && isDigit(s.charAt(d))) d++;
            if (d >= 1 && d <= 4 && s.length() == d + 1 && s.charAt(0) != '0' && Character.isLetter(s.charAt(d))) {
                char c = Character.toLowerCase(s.charAt(d));
                if (c == 'a' || c == 'b' || c == 'c' || c == 'd' || c == 'e' || c == 'f') return i + 1;
            }
        }
        return -1;
    }

    /** "page 14 Park", "year 10 Green", "£5 Oak": a number that is not a house number. */
    private static boolean negativeBefore(Tokens t, int i) {
        int k = i - 1;
        if (k < 0) return false;
        if (t.isPunct(k)) {
            char c = t.firstChar(k);
            return c == '£' || c == '$' || c == '€' || c == '#' || c == '/';
        }
        long f = t.flags(k);
        return (f & Words.NOT_PHONE_CUE) != 0 && !t.is(k, "number") && !t.is(k, "no");
    }

    /**
     * Name words then a street type: "Elm Road", "St Mary's Road", "Baker St". Name words are any
     * words but function words; for a type that is also an everyday word ("Park", "Green", "Way")
     * the name and the type must be capitalised. Returns the last token, or -1.
     */
    private static int streetName(Tokens t, int k, boolean cued) {
        int names = 0;
        boolean capitalised = true;
        int p = k;
        while (p < t.size() && names <= 3 && !t.hardBreakBefore(p)) {
            if (!t.isWord(p)) {
                // "St Mary's": an apostrophe s inside the name
                if (t.isPunct(p, '\'') && t.is(p + 1, "s") && t.joined(p + 1) && names > 0) {
                    p += 2;
                    continue;
                }
                if (t.isPunct(p, '-') && names > 0 && t.isWord(p + 1) && t.joined(p + 1)) {
                    p++;
                    continue;
                }
                return -1;
            }
            long f = t.flags(p);
            boolean strongType = (f & Words.STREET) != 0;
            boolean weakType = (f & Words.STREET_WEAK) != 0;
            if (names > 0 && (strongType || weakType)) {
                boolean typeCap = t.isUpperInitial(p);
                boolean abbrev = t.is(p, "st") || t.is(p, "dr") || t.is(p, "cl") || t.is(p, "gr") || t.is(p, "av");
                // "14 St Mary's Road": St before a capitalised name is Saint
                boolean saint = t.is(p, "st") && t.isWord(p + 1) && t.isUpperInitial(p + 1) && !t.hardBreakBefore(p + 1)
                        && (t.flags(p + 1) & (Words.STREET | Words.STREET_WEAK)) == 0;
                if (strongType && !saint && (!abbrev || typeCap || cued)) return p;
                if (weakType && !strongType && ((capitalised && typeCap) || cued)) return p;
            }
            if (names == 0 && t.isUpperInitial(p) && t.length(p) >= 6 && endsWithIgnoreCase(t, p, "way")
                    && (f & (Words.COMMON | Words.STOP)) == 0 && !t.is(p, "anyway") && !t.is(p, "halfway")) {
                return p; // "48a Kingsway", "3 Broadway": the street type inside one word
            }
            if (names == 0 && t.is(p, "the") && t.isWord(p + 1) && !t.hardBreakBefore(p + 1)) {
                // "7 The Crescent", "2 The Green": the street type is the whole name
                long g = t.flags(p + 1);
                if ((g & Words.STREET) != 0 && !t.is(p + 1, "st")) return p + 1;
                if ((g & Words.STREET_WEAK) != 0 && t.isUpperInitial(p) && t.isUpperInitial(p + 1)) return p + 1;
            }
            if ((f & Words.STOP) != 0 || (f & Words.MONTH) != 0 || (f & Words.DIGIT) != 0) return -1;
            if (!t.isUpperInitial(p)) capitalised = false;
            names++;
            p++;
        }
        return -1;
    }

    private static boolean endsWithIgnoreCase(Tokens t, int k, String suffix) {
        return t.text.regionMatches(true, t.end(k) - suffix.length(), suffix, 0, suffix.length());
    }

    /** Extend a street match back over "flat 3," / "apartment 12b" just before it. */
    private static int flatBefore(Tokens t, int i) {
        int k = i - 1;
        if (t.isPunct(k, ',')) k--;
        if (k >= 1 && t.isAlnum(k) && (t.flags(k - 1) & Words.FLAT) != 0) return k - 1;
        return i;
    }

    /** "flat 3b, Oak House", "apartment 12 Riverside Court". */
    private static int flatInBuilding(Tokens t, int i) {
        if ((t.flags(i) & Words.FLAT) == 0 || !t.isAlnum(i + 1)) return -1;
        int k = i + 2;
        if (t.isPunct(k, ',')) k++;
        int names = 0;
        while (t.isWord(k) && names < 3 && t.isUpperInitial(k)) {
            if (names > 0 && (t.flags(k) & Words.BUILDING) != 0) return k;
            names++;
            k++;
        }
        return -1;
    }

    /** "I live on Elm Road", "my address is Oak Avenue": a street named as where someone lives. */
    private static int liveOn(Tokens t, int i) {
        long f = t.flags(i);
        if ((f & (Words.ADDRESS_CUE | Words.HOME)) == 0) return -1;
        int k = i + 1;
        int skipped = 0;
        while (k < t.size() && skipped < 4 && (t.is(k, "on") || t.is(k, "at") || t.is(k, "in") || t.is(k, "is")
                || t.isPunct(k, ':') || t.is(k, "just") || t.is(k, "off"))) {
            k++;
            skipped++;
        }
        if (skipped == 0 || !t.isWord(k) || !t.isUpperInitial(k)) return -1;
        return streetName(t, k, true);
    }
}
