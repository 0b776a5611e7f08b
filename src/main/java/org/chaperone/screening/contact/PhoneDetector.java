package org.chaperone.screening.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Finds phone numbers however they are written: digits with any grouping, a separator between
 * every digit, number words ("oh seven seven double oh nine"), letters standing for digits (O, l, I)
 * and mixtures. The tokens are read into runs of digit "atoms" joined by short separators; each
 * run is cut into the longest windows that libphonenumber accepts as a possible number and that
 * pass shape and context rules, which keep dates, prices, scores, ISBNs and reference numbers out.
 */
final class PhoneDetector {
    private static final int MAX_DIGITS = 17;
    private static final int MAX_ATOMS = 64;

    // atom flags
    private static final int SPOKEN = 1;      // came from a number word
    private static final int LETTER_SUB = 2;  // a letter standing for a digit
    private static final int UNIT_TAIL = 4;   // glued to a unit: 5pm, 3rd, 10kg
    private static final int LETTER_HEAD = 8; // glued after other letters: AB1234
    private static final int TENTATIVE = 16;  // a lone I or l: a digit only between digits

    // separator bits before an atom
    private static final int SEP_SPACE = 1, SEP_DASH = 2, SEP_DOT = 4, SEP_PAREN = 8, SEP_COMMA = 16,
            SEP_OTHER = 32, SEP_LINE = 64, SEP_SLASH = 128;

    private final PhoneNumberUtil util;
    private final String region;

    PhoneDetector(PhoneNumberUtil util, String region) {
        this.util = util;
        this.region = region;
    }

    /** One run of atoms being collected; one per call, reused across the runs of a text. */
    private static final class Run {
        final Tokens t;
        final Hits hits;
        final AllowList allow;
        final StringBuilder digits = new StringBuilder();
        final int[] digitEnd = new int[MAX_ATOMS];
        final int[] from = new int[MAX_ATOMS];   // char offsets in the folded text
        final int[] to = new int[MAX_ATOMS];
        final int[] tokFrom = new int[MAX_ATOMS];
        final int[] tokTo = new int[MAX_ATOMS];
        final int[] flags = new int[MAX_ATOMS];
        final int[] sepBefore = new int[MAX_ATOMS];
        int n;
        int plusAt = -1;     // char offset of a leading '+'
        int plusTok = -1;
        int pendingSep;      // separators seen since the last atom
        int pendingSepCount;
        int repeat;          // "double"/"triple" waiting for its digit
        int repeatFrom = -1; // where that word starts
        boolean lastTens;    // last atom was "twenty".."ninety", a unit word may complete it

        /** Runs that were no number alone: "07700 and then 900123" may be one number in pieces. */
        final java.util.List<Fragment> fragments = new java.util.ArrayList<>();

        Run(Tokens t, Hits hits, AllowList allow) {
            this.t = t;
            this.hits = hits;
            this.allow = allow;
        }

        void clear() {
            digits.setLength(0);
            n = 0;
            plusAt = -1;
            plusTok = -1;
            pendingSep = 0;
            pendingSepCount = 0;
            repeat = 0;
            repeatFrom = -1;
            lastTens = false;
        }

        int start(int i) {
            return i == 0 ? 0 : digitEnd[i - 1];
        }
    }

    private record Fragment(String digits, int from, int to, int tokFrom, int tokTo, boolean plus) {}

    void find(Tokens t, Hits hits, AllowList allow) {
        Run run = new Run(t, hits, allow);
        findRuns(t, run, hits, allow);
        joinFragments(t, run.fragments, hits, allow);
    }

    private void findRuns(Tokens t, Run run, Hits hits, AllowList allow) {
        int n = t.size();
        for (int i = 0; i < n; i++) {
            if (run.n == 0 && run.plusAt < 0 && run.repeat == 0) {
                // nothing under way: every token before the next anchor would leave the run empty
                i = t.next(i, Tokens.PHONE);
                if (i >= n) break;
            }
            if (t.hardBreakBefore(i)) flush(t, run, hits, allow);
            if (run.n > 0 || run.plusAt >= 0) {
                if (t.lineBreakBefore(i)) run.pendingSep |= SEP_LINE;
                else if (t.spaceBefore(i)) run.pendingSep |= SEP_SPACE;
            }
            byte type = t.type(i);
            if (type == Tokens.PUNCT) {
                char c = t.firstChar(i);
                int sep = separator(c);
                if (c == '+' && (run.n == 0 || run.pendingSep != 0)) {
                    if (run.n > 0) flush(t, run, hits, allow);
                    run.plusAt = t.start(i);
                    run.plusTok = i;
                } else if (sep != 0 && (run.n > 0 || run.plusAt >= 0 || c == '(')) {
                    run.pendingSep |= sep;
                    if (++run.pendingSepCount > 3) flush(t, run, hits, allow);
                } else {
                    flush(t, run, hits, allow);
                }
                continue;
            }
            if (t.length(i) > 40) { // a long run of letters or digits is never part of a number
                flush(t, run, hits, allow);
                continue;
            }
            if (type == Tokens.WORD) {
                word(t, i, run, hits, allow);
            } else {
                segments(t, i, run, hits, allow);
            }
        }
        flush(t, run, hits, allow);
    }

    private static int separator(char c) {
        return switch (c) {
            case '-', '_', '~' -> SEP_DASH;
            case '.' -> SEP_DOT;
            case '(', ')', '[', ']' -> SEP_PAREN;
            case ',' -> SEP_COMMA;
            case '*', '|', '\\' -> SEP_OTHER;
            case '/' -> SEP_SLASH;
            default -> c >= 0x80 && decorative(c) ? SEP_OTHER : 0;
        };
    }

    /** Emoji and other symbols used as separators: "0🔥7🔥7🔥0🔥0...". */
    private static boolean decorative(char c) {
        if (Character.isSurrogate(c)) return true;
        int type = Character.getType(c);
        return type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL || type == Character.MODIFIER_SYMBOL
                || type == Character.DASH_PUNCTUATION || type == Character.OTHER_PUNCTUATION;
    }

    /** A whole-word token: a number word, a repeat word, a lone O/I/l, or the end of the run. */
    private static final long NUMBER_WORDS = Words.DIGIT | Words.TEEN | Words.TENS | Words.HUNDRED | Words.REPEAT;

    private void word(Tokens t, int i, Run run, Hits hits, AllowList allow) {
        long f = t.flags(i);
        int len = t.length(i);
        if (run.n == 0 && run.plusAt < 0 && run.repeat == 0 && (f & NUMBER_WORDS) == 0 && len > 1) {
            return; // an ordinary word with no number under way: nothing to do
        }
        if ((f & Words.REPEAT) != 0) {
            run.repeat = t.value(i);
            if (run.repeatFrom < 0) run.repeatFrom = t.start(i);
            return;
        }
        if ((f & Words.DIGIT) != 0) {
            int v = t.value(i);
            if (run.lastTens && v > 0 && run.pendingSep != 0 && (run.pendingSep & ~(SEP_SPACE | SEP_DASH)) == 0
                    && run.n > 0) {
                // "twenty three": the unit replaces the tens' zero
                run.digits.setCharAt(run.digits.length() - 1, (char) ('0' + v));
                run.to[run.n - 1] = t.end(i);
                run.tokTo[run.n - 1] = i;
                run.lastTens = false;
                run.pendingSep = 0;
                run.pendingSepCount = 0;
                return;
            }
            atom(t, i, t.start(i), t.end(i), String.valueOf((char) ('0' + v)), SPOKEN, run);
            return;
        }
        if ((f & Words.TEEN) != 0 || (f & Words.TENS) != 0) {
            atom(t, i, t.start(i), t.end(i), Integer.toString(t.value(i)), SPOKEN, run);
            run.lastTens = (f & Words.TENS) != 0;
            return;
        }
        if ((f & Words.HUNDRED) != 0 && run.n > 0 && (run.flags[run.n - 1] & SPOKEN) != 0) {
            int zeros = t.value(i);
            for (int k = 0; k < zeros; k++) run.digits.append('0');
            run.digitEnd[run.n - 1] = run.digits.length();
            run.to[run.n - 1] = t.end(i);
            run.tokTo[run.n - 1] = i;
            run.pendingSep = 0;
            run.pendingSepCount = 0;
            return;
        }
        if (len == 1) {
            char c = t.firstChar(i);
            if (c == 'o' || c == 'O') {
                atom(t, i, t.start(i), t.end(i), "0", LETTER_SUB, run);
                return;
            }
            if ((c == 'I' || c == 'l' || c == '|') && run.n > 0) {
                atom(t, i, t.start(i), t.end(i), "1", LETTER_SUB | TENTATIVE, run);
                return;
            }
        }
        if (run.n > 0 && len >= 2 && (run.flags[run.n - 1] & SPOKEN) == 0
                && allLetterDigits(t.text, t.start(i), t.end(i))) {
            // "O7" is mixed, but "OO" or "Ol" standing between digit groups is a disguise too
            atom(t, i, t.start(i), t.end(i), letterDigits(t.text, t.start(i), t.end(i)), LETTER_SUB | TENTATIVE, run);
            return;
        }
        flush(t, run, hits, allow);
    }

    /** A token of digits, or of digits and letters: each letter part must stand for digits. */
    private void segments(Tokens t, int i, Run run, Hits hits, AllowList allow) {
        String s = t.text;
        int p = t.start(i);
        int end = t.end(i);
        boolean afterForeignLetters = false;
        while (p < end) {
            int q = p;
            boolean digit = isDigit(s.charAt(p));
            while (q < end && isDigit(s.charAt(q)) == digit) q++;
            if (digit) {
                int flags = afterForeignLetters ? LETTER_HEAD : 0;
                if (q < end && unitAt(s, q, end)) flags |= UNIT_TAIL;
                atom(t, i, p, q, s.substring(p, q), flags, run);
            } else {
                boolean betweenDigits = p > t.start(i) && q < end;
                String asDigits = null;
                if (allLetterDigits(s, p, q) && (p > t.start(i) || q < end)) {
                    asDigits = letterDigits(s, p, q);
                } else if (q - p == 1 && betweenDigits && "SsZzB".indexOf(s.charAt(p)) >= 0) {
                    asDigits = switch (s.charAt(p)) {
                        case 'S', 's' -> "5";
                        case 'Z', 'z' -> "2";
                        default -> "8";
                    };
                } else {
                    int slot = Words.LEX.find(s, p, q);
                    long f = Words.LEX.flags(slot);
                    if ((f & Words.DIGIT) != 0 && q - p > 2) {
                        asDigits = String.valueOf((char) ('0' + Words.LEX.value(slot)));
                    }
                }
                if (asDigits != null) {
                    atom(t, i, p, q, asDigits, LETTER_SUB, run);
                    afterForeignLetters = false;
                } else {
                    flush(t, run, hits, allow);
                    afterForeignLetters = true;
                }
            }
            p = q;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean unitAt(String s, int p, int end) {
        int q = p;
        while (q < end && !isDigit(s.charAt(q))) q++;
        return (Words.LEX.flags(Words.LEX.find(s, p, q)) & Words.UNIT) != 0;
    }

    private static boolean allLetterDigits(String s, int p, int q) {
        for (int k = p; k < q; k++) {
            if ("oOlI|".indexOf(s.charAt(k)) < 0) return false;
        }
        return q > p;
    }

    private static String letterDigits(String s, int p, int q) {
        StringBuilder b = new StringBuilder(q - p);
        for (int k = p; k < q; k++) b.append(s.charAt(k) == 'o' || s.charAt(k) == 'O' ? '0' : '1');
        return b.toString();
    }

    private void atom(Tokens t, int tok, int from, int to, String digits, int flags, Run run) {
        if (run.n == MAX_ATOMS) {
            // keep the window logic bounded: evaluate what we have, then continue from this atom
            int sep = run.pendingSep;
            evaluate(t, run, run.hits, run.allow);
            run.clear();
            run.pendingSep = sep;
        }
        if (run.n == 0) run.pendingSep = 0;
        String d = digits;
        int atomFrom = from;
        if (run.repeat > 0) {
            d = String.valueOf(digits.charAt(0)).repeat(run.repeat - 1) + digits;
            run.repeat = 0;
            flags |= SPOKEN;
            if (run.repeatFrom >= 0 && run.repeatFrom < from) atomFrom = run.repeatFrom;
        }
        run.repeatFrom = -1;
        run.digits.append(d);
        int k = run.n++;
        run.digitEnd[k] = run.digits.length();
        run.from[k] = atomFrom;
        run.to[k] = to;
        run.tokFrom[k] = tok;
        run.tokTo[k] = tok;
        run.flags[k] = flags;
        run.sepBefore[k] = run.pendingSep;
        run.pendingSep = 0;
        run.pendingSepCount = 0;
        run.lastTens = false;
        if (run.digits.length() > 400) { // digit garbage: evaluate in bounded pieces
            evaluate(t, run, run.hits, run.allow);
            run.clear();
        }
    }

    private void flush(Tokens t, Run run, Hits hits, AllowList allow) {
        if (run.n > 0) {
            int before = hits.size();
            evaluate(t, run, hits, allow);
            int len = run.n > 0 ? run.digitEnd[run.n - 1] : 0;
            if (hits.size() == before && len >= 3 && len <= 11 && run.fragments.size() < 10_000) {
                run.fragments.add(new Fragment(run.digits.substring(0, len), run.plusAt >= 0 ? run.plusAt : run.from[0],
                        run.to[run.n - 1], run.plusAt >= 0 ? run.plusTok : run.tokFrom[0], run.tokTo[run.n - 1],
                        run.plusAt >= 0));
            }
        }
        run.clear();
    }

    /**
     * "the first bit is 07700 and the rest is 900123": pieces of at least three digits, a few
     * words apart, that make a UK number or an international one together, when the message
     * talks about a phone number.
     */
    private void joinFragments(Tokens t, java.util.List<Fragment> fragments, Hits hits, AllowList allow) {
        for (int a = 0; a + 1 < fragments.size(); a++) {
            Fragment first = fragments.get(a);
            if (!(first.plus || first.digits.charAt(0) == '0')) continue;
            StringBuilder d = new StringBuilder(first.digits);
            for (int b = a + 1; b < fragments.size() && b <= a + 3; b++) {
                Fragment prev = fragments.get(b - 1);
                Fragment next = fragments.get(b);
                if (next.tokFrom - prev.tokTo > 8 || brokenBetween(t, prev.tokTo, next.tokFrom)) break;
                d.append(next.digits);
                if (d.length() > 13) break;
                boolean mobile = first.digits.length() >= 4 && PhoneContext.mobileShape(d.toString(), first.plus);
                if (!mobile && !PhoneContext.cue(t, first.tokFrom, next.tokTo)) continue;
                try {
                    PhoneNumber number = first.plus ? util.parse("+" + d, region) : util.parse(d.toString(), region);
                    boolean ok = first.plus ? util.isValidNumber(number)
                            : util.isValidNumberForRegion(number, region) || ("GB".equals(region) && PhoneContext.ukShape(d.toString()));
                    if (!ok) continue;
                    String e164 = util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1);
                    if (!allow.allowsNumber(d.toString(), e164, util.getNationalSignificantNumber(number))) {
                        hits.add(ContactKind.PHONE, first.from, next.to);
                    }
                    a = b;
                    break;
                } catch (NumberParseException e) {
                    break;
                }
            }
        }
    }

    private static boolean brokenBetween(Tokens t, int from, int to) {
        for (int k = from + 1; k <= to; k++) {
            if (t.hardBreakBefore(k)) return true;
            if (t.isPunct(k) && ".!?".indexOf(t.firstChar(k)) >= 0) return true;
        }
        return false;
    }

    /** Cuts the run into the longest acceptable windows, left to right. */
    private void evaluate(Tokens t, Run run, Hits hits, AllowList allow) {
        // drop trailing tentative atoms (a lone I after a number is a pronoun)
        while (run.n > 0 && (run.flags[run.n - 1] & TENTATIVE) != 0) {
            run.n--;
            run.digits.setLength(run.start(run.n));
        }
        int i = 0;
        while (i < run.n) {
            if ((run.flags[i] & TENTATIVE) != 0) {
                i++;
                continue;
            }
            int best = -1;
            int count = 0;
            for (int j = i; j < run.n; j++) {
                count += run.digitEnd[j] - run.start(j);
                if (count > MAX_DIGITS) break;
                if (count < 7) continue;
                if ((run.flags[j] & TENTATIVE) != 0) continue;
                if (j + 1 < run.n && (run.flags[j + 1] & TENTATIVE) == 0 && sameToken(run, j, j + 1)) continue;
                int verdict = judge(t, run, i, j, allow);
                if (verdict != 0) best = verdict > 0 ? j : -(j + 2);
            }
            if (best >= 0) {
                int from = i == 0 && run.plusAt >= 0 ? run.plusAt : run.from[i];
                // "(0113) 496 0000", "(+44) 7700...": take in the opening bracket the number closes
                if (from > 0 && t.text.charAt(from - 1) == '(' && t.text.lastIndexOf(')', run.to[best] - 1) > from) from--;
                hits.add(ContactKind.PHONE, from, run.to[best]);
                i = best + 1;
            } else if (best < -1) {
                i = -best - 2 + 1; // an allowed number (a helpline): consumed, not reported
            } else {
                i++;
            }
        }
    }

    private static boolean sameToken(Run run, int a, int b) {
        return run.tokTo[a] == run.tokFrom[b] && run.to[a] == run.from[b];
    }

    /** 1: a phone number; -1: a number on the allow-list; 0: not a phone number. */
    private int judge(Tokens t, Run run, int i, int j, AllowList allow) {
        String d = run.digits.substring(run.start(i), run.digitEnd[j]);
        int len = d.length();
        boolean plus = i == 0 && run.plusAt >= 0;
        int spoken = 0;
        int subs = 0;
        int singles = 0;
        int seps = 0;
        for (int k = i; k <= j; k++) {
            if ((run.flags[k] & SPOKEN) != 0) spoken++;
            if ((run.flags[k] & LETTER_SUB) != 0) subs++;
            if (run.digitEnd[k] - run.start(k) == 1) singles++;
            if (k > i) seps |= run.sepBefore[k];
        }
        boolean disguised = spoken >= 3 || subs > 0 || (singles == j - i + 1 && singles >= 7);
        if ((run.flags[j] & UNIT_TAIL) != 0) return 0;
        if (len > 15) return 0;
        boolean cue = PhoneContext.cue(t, run.tokFrom[i], run.tokTo[j]);
        int tokBefore = plus ? run.plusTok : run.tokFrom[i];
        if (!disguised) {
            if (PhoneContext.isbn(t, tokBefore, d)) return 0;
            if (thousands(run, i, j, seps) || yearList(run, i, j) || date(run, i, j, seps)) return 0;
            if (PhoneContext.currencyOrRef(t, tokBefore) && !PhoneContext.mobileShape(d, plus)) return 0;
            if ((run.flags[i] & LETTER_HEAD) != 0 && !PhoneContext.mobileShape(d, plus)) return 0;
            if ((seps & SEP_COMMA) != 0 && !cue) return 0;
            if ((seps & SEP_OTHER) != 0 && !cue && singles < j - i + 1) return 0;
            // a slash between groups: "07700/900123" yes, "7/10" or "0123/4567/89" as a reference no
            if ((seps & SEP_SLASH) != 0 && !cue && (d.charAt(0) != '0' || j - i > 2)) return 0;
        }
        // cheap shape checks first: libphonenumber is only asked about plausible digit strings
        boolean idd = !plus && d.startsWith("00");
        if (idd && (len <= 8 || d.charAt(2) == '0')) return 0;
        if ((plus || idd) && (plus ? d.charAt(0) == '0' : false)) return 0;
        if (!plus && !idd && d.charAt(0) == '0' && "GB".equals(region) && len != 10 && len != 11) return 0;
        PhoneNumber number = null;
        boolean ok = false;
        try {
            if (plus || idd) {
                String intl = plus ? d : d.substring(2);
                if (intl.charAt(0) == '0') return 0;
                number = util.parse("+" + intl, region);
                ok = util.isValidNumber(number)
                        || (util.isPossibleNumber(number) && nsnLength(number) >= 8)
                        || (number.getCountryCode() == 44 && PhoneContext.ukShape("0" + util.getNationalSignificantNumber(number)));
            } else if (d.charAt(0) == '0') {
                number = util.parse(d, region);
                ok = util.isValidNumberForRegion(number, region)
                        || ("GB".equals(region) ? PhoneContext.ukShape(d) : util.isPossibleNumber(number) && (cue || disguised));
            } else if (cue || spoken >= 3 || subs > 0) {
                boolean gb = "GB".equals(region);
                if (gb && len == 10 && "1237".indexOf(d.charAt(0)) >= 0) {
                    // the leading zero left off: "7700 900123"
                    number = util.parse("0" + d, region);
                    ok = true;
                } else if (len >= 10 && (cue || d.startsWith("44"))) {
                    number = util.parse("+" + d, region); // the "+" left off: "44 7700 900123"
                    ok = util.isValidNumber(number);
                }
                if (!ok && !gb && len >= 7) {
                    number = util.parse(d, region);
                    ok = util.isValidNumberForRegion(number, region);
                }
            }
        } catch (NumberParseException e) {
            return 0;
        }
        if (!ok || number == null) return 0;
        String e164 = util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1);
        if (allow.allowsNumber(d, e164, util.getNationalSignificantNumber(number))) return -1;
        return 1;
    }

    private int nsnLength(PhoneNumber p) {
        return util.getNationalSignificantNumber(p).length();
    }

    /** 2,400,000 or 1.234.567: thousands grouping. */
    private static boolean thousands(Run run, int i, int j, int seps) {
        if (seps == 0 || (seps & ~(SEP_COMMA | SEP_DOT | SEP_SPACE)) != 0 || (seps & (SEP_COMMA | SEP_DOT)) == 0) {
            return false;
        }
        if (run.digitEnd[i] - run.start(i) > 3 || run.digits.charAt(run.start(i)) == '0') return false;
        for (int k = i + 1; k <= j; k++) {
            if (run.digitEnd[k] - run.start(k) != 3 || (run.sepBefore[k] & (SEP_COMMA | SEP_DOT)) == 0) return false;
        }
        return true;
    }

    private static boolean yearList(Run run, int i, int j) {
        for (int k = i; k <= j; k++) {
            if (run.digitEnd[k] - run.start(k) != 4) return false;
            char a = run.digits.charAt(run.start(k));
            char b = run.digits.charAt(run.start(k) + 1);
            if (!((a == '1' && b == '9') || (a == '2' && b == '0'))) return false;
        }
        return true;
    }

    /** 21.11.2025, 2025-11-21, 21 11 2025, and a date next to a time. */
    private static boolean date(Run run, int i, int j, int seps) {
        if ((seps & (SEP_DOT | SEP_DASH | SEP_SPACE | SEP_SLASH)) == 0) return false;
        if (j - i != 2) return false;
        for (int k = i; k == i; k++) {
            int a = run.digitEnd[k] - run.start(k);
            int b = run.digitEnd[k + 1] - run.start(k + 1);
            int c = run.digitEnd[k + 2] - run.start(k + 2);
            int va = num(run, k), vb = num(run, k + 1), vc = num(run, k + 2);
            boolean dmy = a <= 2 && b <= 2 && (c == 4 || c == 2) && va >= 1 && va <= 31 && vb >= 1 && vb <= 12;
            boolean mdy = a <= 2 && b <= 2 && (c == 4) && va >= 1 && va <= 12 && vb >= 1 && vb <= 31;
            boolean ymd = a == 4 && b <= 2 && c <= 2 && vb >= 1 && vb <= 12 && vc >= 1 && vc <= 31;
            if (dmy || mdy || ymd) return true;
        }
        return false;
    }

    private static int num(Run run, int k) {
        int from = run.start(k), to = Math.min(run.digitEnd[k], from + 6);
        int v = 0;
        for (int p = from; p < to; p++) v = v * 10 + (run.digits.charAt(p) - '0');
        return v;
    }
}
