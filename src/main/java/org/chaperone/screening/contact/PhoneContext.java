package org.chaperone.screening.contact;

/**
 * What the words and shapes around a digit run say about it: phone-number shapes (UK numbers as
 * people write them, mobiles), words that introduce a phone number ("call me", "my mobile"), and
 * words or signs that introduce some other number ("ref", "room", "ISBN", "£").
 */
final class PhoneContext {
    private PhoneContext() {}

    /** UK numbers as people write them, including Ofcom's drama ranges that are not "valid". */
    static boolean ukShape(String d) {
        if (d.length() != 11 || d.charAt(0) != '0') return false;
        char c = d.charAt(1);
        return c == '1' || c == '2' || c == '3' || c == '7' || c == '8' || c == '5';
    }

    static boolean mobileShape(String d, boolean plus) {
        if (plus) return d.startsWith("447") && d.length() == 12;
        return d.length() == 11 && d.startsWith("07") || d.startsWith("00447") && d.length() == 14;
    }

    static boolean isbn(Tokens t, int tok, String d) {
        if (d.length() == 13 && (d.startsWith("978") || d.startsWith("979"))) return true;
        for (int k = tok - 1; k >= Math.max(0, tok - 3); k--) {
            if (t.is(k, "isbn") || t.is(k, "issn") || t.is(k, "doi")) return true;
        }
        return false;
    }

    /** A currency sign, or a word like "ref", "order", "room" or "page" just before the digits. */
    static boolean currencyOrRef(Tokens t, int tok) {
        int k = tok - 1;
        int words = 0;
        while (k >= 0 && words < 3 && !t.hardBreakBefore(k + 1)) {
            if (t.isPunct(k)) {
                char c = t.firstChar(k);
                if (c == '£' || c == '$' || c == '€' || c == '¥' || c == '₹') return true;
                if (c != ':' && c != '#' && c != '.' && c != '-' && c != '(') return false;
            } else {
                long f = t.flags(k);
                if ((f & Words.NOT_PHONE_CUE) != 0 && (f & Words.PHONE_CUE) == 0) return true;
                if ((f & Words.NUMBER_CUE) != 0 || t.is(k, "is") || t.is(k, "was") || t.is(k, "the")
                        || t.is(k, "of") || t.is(k, "no")) {
                    // "reference number is", "room no." : keep looking back for the noun
                    if ((f & Words.NUMBER_CUE) != 0 && k > 0 && (t.flags(k - 1) & Words.NOT_PHONE_CUE) != 0) return true;
                    words++;
                    k--;
                    continue;
                }
                return false;
            }
            k--;
        }
        return false;
    }

    /** A word that introduces a phone number within a few tokens either side. */
    static boolean cue(Tokens t, int first, int last) {
        for (int k = first - 1, seen = 0; k >= 0 && seen < 8; k--) {
            if (t.hardBreakBefore(k + 1)) break;
            if (t.isAlnum(k)) {
                seen++;
                if (isCue(t, k)) return true;
            }
        }
        for (int k = last + 1, seen = 0; k < t.size() && seen < 6; k++) {
            if (t.hardBreakBefore(k)) break;
            if (t.isAlnum(k)) {
                seen++;
                if (isCue(t, k)) return true;
            }
        }
        return false;
    }

    static boolean isCue(Tokens t, int k) {
        long f = t.flags(k);
        if ((f & Words.PHONE_CUE) == 0) return false;
        if ((f & Words.NUMBER_CUE) != 0) {
            // "room number", "order number" do not introduce a phone number
            int p = k - 1;
            while (p >= 0 && t.isPunct(p)) p--;
            return p < 0 || (t.flags(p) & Words.NOT_PHONE_CUE) == 0;
        }
        return true;
    }
}
