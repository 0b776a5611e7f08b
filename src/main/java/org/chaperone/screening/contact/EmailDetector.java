package org.chaperone.screening.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds email addresses, plain or disguised: "@" or "at" written as a word or in brackets
 * ("(at)", "[at]", "{at}", "_at_"), "." or "dot" likewise, letters spaced out, look-alike letters
 * (already folded). A spelled-out address counts only when it is plausible: the domain is a known
 * mail provider or ends in a top-level domain, and the name is not an everyday word (so "look at
 * the dot points" and "apply at gov.uk" stay ordinary sentences).
 */
final class EmailDetector {
    private static final int EXPLICIT = 0, BRACKETED = 1, GLUED = 2, SPOKEN = 3;

    void find(Tokens t, Hits hits, AllowList allow) {
        int n = t.size();
        for (int k = 0; k < n; k++) {
            k = t.next(k, Tokens.EMAIL); // "@", "at", or "nameATgmail": nothing else starts an address
            if (k >= n) break;
            if (t.isAlnum(k) && t.length(k) >= 7) capitalised(t, k, hits, allow);
            int style;
            int after;
            int before;
            if (t.isPunct(k, '@')) {
                style = EXPLICIT;
                before = k - 1;
                after = k + 1;
                if (t.isPunct(k - 1) && t.isPunct(k + 1) && isOpen(t.firstChar(k - 1)) && isClose(t.firstChar(k + 1))) {
                    before = k - 2;
                    after = k + 2;
                }
            } else if (t.has(k, Words.AT_WORD)) {
                if (t.isPunct(k - 1) && t.isPunct(k + 1) && isOpen(t.firstChar(k - 1)) && isClose(t.firstChar(k + 1))) {
                    style = BRACKETED;
                    before = k - 2;
                    after = k + 2;
                } else if (glue(t, k - 1) && glue(t, k + 1) && t.joined(k) && t.joined(k + 1) && t.joined(k + 2)) {
                    style = GLUED;
                    before = k - 2;
                    after = k + 2;
                } else {
                    style = SPOKEN;
                    before = k - 1;
                    after = k + 1;
                }
            } else {
                continue;
            }
            if (t.hardBreakBefore(k) || (after < n && t.hardBreakBefore(after))) continue;
            Local local = local(t, before, style);
            if (local == null) continue;
            if (style == EXPLICIT && t.spaceBefore(k) && !t.spaceBefore(k + 1) && local.plainWord
                    && (t.flags(local.firstTok) & (Words.STOP | Words.COMMON)) != 0) {
                continue; // "is @amy.j.art" is a handle after a word, not an address
            }
            Domain domain = domain(t, after, style);
            if (domain == null) continue;
            if (!plausible(t, local, domain, style)) continue;
            if (style == SPOKEN && t.isPunct(domain.lastTok + 1, '/') && t.joined(domain.lastTok + 1)) continue;
            String address = local.text + "@" + domain.text();
            if (allow.allowsEmail(address) || roleAtInstitution(local.text, domain)) continue;
            hits.add(ContactKind.EMAIL, t.start(local.firstTok), t.end(domain.lastTok));
        }
    }

    /** "amyATgmailDOTcom", "amy.jonesATgmail.com": AT and DOT in capitals inside one word. */
    private static void capitalised(Tokens t, int k, Hits hits, AllowList allow) {
        if (!Tokens.hasCapitalAt(t.text, t.start(k), t.end(k))) return;
        String w = t.str(k);
        int at = w.indexOf("AT");
        while (at > 0 && !(Character.isLowerCase(w.charAt(at - 1)) || Character.isDigit(w.charAt(at - 1)))) {
            at = w.indexOf("AT", at + 1);
        }
        if (at <= 0 || at + 2 >= w.length() || Character.isUpperCase(w.charAt(at + 2))) return;
        List<String> labels = new ArrayList<>(List.of(w.substring(at + 2).split("DOT", -1)));
        if (labels.stream().anyMatch(String::isEmpty)) return;
        int last = k;
        while (labels.size() < 8 && t.isPunct(last + 1, '.') && t.joined(last + 1) && t.isAlnum(last + 2) && t.joined(last + 2)) {
            labels.add(t.str(last + 2));
            last += 2;
        }
        String first = labels.get(0).toLowerCase(Locale.ROOT);
        String tld = labels.get(labels.size() - 1).toLowerCase(Locale.ROOT);
        boolean provider = (Words.LEX.flagsOf(first) & Words.PROVIDER) != 0;
        if (!provider && !(labels.size() >= 2 && (Words.LEX.flagsOf(tld) & Words.TLD) != 0)) return;
        int from = k;
        while (from >= 2 && t.joined(from) && isLocalPunct(t, from - 1) && t.isAlnum(from - 2) && t.joined(from - 1)) {
            from -= 2;
        }
        String address = t.text.substring(t.start(from), t.start(k) + at) + "@" + String.join(".", labels);
        if (allow.allowsEmail(address)) return;
        hits.add(ContactKind.EMAIL, t.start(from), t.end(last));
    }

    private static boolean isOpen(char c) {
        return c == '(' || c == '[' || c == '{' || c == '<';
    }

    private static boolean isClose(char c) {
        return c == ')' || c == ']' || c == '}' || c == '>';
    }

    private static boolean glue(Tokens t, int i) {
        return t.isPunct(i, '_') || t.isPunct(i, '-') || t.isPunct(i, '.');
    }

    private record Local(String text, int firstTok, boolean plainWord, boolean spacedLetters) {}

    /** The name part, read backwards from token {@code end}. */
    private static Local local(Tokens t, int end, int style) {
        if (end < 0 || !t.isAlnum(end)) return null;
        // spaced-out letters: "j a k e @ ..."
        if (t.length(end) == 1 && t.spaceBefore(end) && t.isAlnum(end - 1) && t.length(end - 1) == 1) {
            int k = end;
            StringBuilder b = new StringBuilder();
            while (k >= 0 && t.isAlnum(k) && t.length(k) == 1 && b.length() < 64) {
                b.insert(0, t.str(k));
                if (!t.spaceBefore(k) && k > 0 && t.isAlnum(k - 1)) break;
                if (t.hardBreakBefore(k)) break;
                k--;
            }
            int first = k < 0 || !t.isAlnum(k) || t.length(k) != 1 ? k + 1 : k;
            if (b.length() >= 3) return new Local(b.toString(), first, false, true);
        }
        // a compound of letters and digits joined by . _ - + ' with no spaces
        int k = end;
        int chars = 0;
        int first = end;
        while (k >= 0 && chars < 64) {
            if (t.isAlnum(k)) {
                first = k;
                chars += t.length(k);
                if (!t.joined(k)) break;
                k--;
            } else if (isLocalPunct(t, k) && t.isAlnum(k - 1) && t.joined(k)) {
                chars++;
                k--;
            } else {
                break;
            }
        }
        // "amy dot jones at ...": a spelled dot inside the name
        while (first >= 2 && t.has(first - 1, Words.DOT_WORD) && t.isAlnum(first - 2) && !t.hardBreakBefore(first)) {
            first -= 2;
        }
        String text = t.text.substring(t.start(first), t.end(end)).replace(" dot ", ".").replace(" ", "");
        boolean plain = first == end && t.type(end) == Tokens.WORD;
        return new Local(text, first, plain, false);
    }

    private static boolean isLocalPunct(Tokens t, int k) {
        if (!t.isPunct(k)) return false;
        char c = t.firstChar(k);
        return c == '.' || c == '_' || c == '-' || c == '+';
    }

    private record Domain(List<String> labels, int lastTok, boolean spelledDots) {
        String text() {
            return String.join(".", labels).toLowerCase(Locale.ROOT);
        }
    }

    /** Labels after the "at", joined by "." or "dot" in any of its disguises. */
    private static Domain domain(Tokens t, int from, int style) {
        List<String> labels = new ArrayList<>(4);
        List<Integer> ends = new ArrayList<>(4);
        int k = from;
        boolean spelled = false;
        List<Boolean> spelledAt = new ArrayList<>(4);
        while (labels.size() < 8) {
            int[] next = new int[1];
            String label = label(t, k, next);
            if (label == null) break;
            labels.add(label);
            ends.add(next[0] - 1);
            spelledAt.add(spelled);
            k = next[0];
            // a dot: ".", "dot", "(dot)", "_dot_"
            if (t.isPunct(k, '.') && t.isAlnum(k + 1) && !t.hardBreakBefore(k + 1)
                    && (!t.spaceBefore(k + 1) || t.spaceBefore(k))) {
                k = k + 1;
            } else if (t.has(k, Words.DOT_WORD) && !t.hardBreakBefore(k)) {
                k = k + 1;
                spelled = true;
            } else if (t.isPunct(k) && isOpen(t.firstChar(k)) && t.has(k + 1, Words.DOT_WORD)
                    && t.isPunct(k + 2) && isClose(t.firstChar(k + 2))) {
                k = k + 3;
                spelled = true;
            } else if (glue(t, k) && t.has(k + 1, Words.DOT_WORD) && glue(t, k + 2) && t.joined(k + 1)) {
                k = k + 3;
                spelled = true;
            } else {
                break;
            }
        }
        if (labels.isEmpty()) return null;
        // keep the longest prefix that ends in a top-level domain; else the first label alone
        for (int m = labels.size(); m >= 2; m--) {
            String tld = labels.get(m - 1);
            if ((Words.LEX.flagsOf(tld) & Words.TLD) != 0) {
                return new Domain(List.copyOf(labels.subList(0, m)), ends.get(m - 1), spelledAt.get(m - 1));
            }
        }
        return new Domain(List.of(labels.get(0)), ends.get(0), false);
    }

    /** One domain label: a word (hyphens allowed), or spaced-out single letters "g m a i l". */
    private static String label(Tokens t, int k, int[] next) {
        if (!t.isAlnum(k) || t.length(k) > 63) return null;
        if (t.length(k) == 1 && t.isAlnum(k + 1) && t.length(k + 1) == 1 && t.spaceBefore(k + 1)) {
            StringBuilder b = new StringBuilder();
            int p = k;
            while (t.isAlnum(p) && t.length(p) == 1 && b.length() < 63 && (p == k || !t.hardBreakBefore(p))) {
                b.append(t.str(p));
                p++;
            }
            next[0] = p;
            return b.toString();
        }
        StringBuilder b = new StringBuilder(t.str(k));
        int p = k + 1;
        while (t.isPunct(p, '-') && t.joined(p) && t.isAlnum(p + 1) && t.joined(p + 1) && b.length() < 63) {
            b.append('-').append(t.str(p + 1));
            p += 2;
        }
        next[0] = p;
        return b.toString();
    }

    private static boolean plausible(Tokens t, Local local, Domain domain, int style) {
        List<String> labels = domain.labels;
        String first = labels.get(0).toLowerCase(Locale.ROOT);
        long firstFlags = Words.LEX.flagsOf(first);
        boolean provider = (firstFlags & Words.PROVIDER) != 0;
        boolean hasTld = labels.size() >= 2;
        if (!hasTld && !provider) return false;
        if (local.text.isEmpty() || local.text.length() > 64) return false;
        if (style == EXPLICIT || style == BRACKETED || style == GLUED) {
            return true;
        }
        // "at" written as a word: the name must not be an everyday word, nor the domain
        long lf = local.spacedLetters ? 0 : t.flags(local.firstTok);
        boolean everyday = local.plainWord && (lf & (Words.STOP | Words.COMMON)) != 0;
        if (everyday) return false;
        if ((local.plainWord && (lf & Words.UNIT) != 0)) return false;
        if (provider) return true;
        if (first.equals("www")) return false; // "apply at www.gov.uk": a web address
        boolean strongLocal = local.spacedLetters || !local.plainWord;
        if ((firstFlags & Words.STOP) != 0 || ((firstFlags & Words.COMMON) != 0 && !strongLocal)) return false;
        String tld = labels.get(labels.size() - 1).toLowerCase(Locale.ROOT);
        return (Words.LEX.flagsOf(tld) & Words.TLD_SPOKEN) != 0;
    }

    /** Mailboxes of an office rather than a person, wherever they are. */
    private static final java.util.Set<String> OFFICE_MAILBOXES = java.util.Set.of(
            "admissions", "enquiries", "enquiry", "info", "support", "help", "helpdesk", "office", "reception",
            "noreply", "no-reply", "donotreply", "safeguarding", "careers", "studentservices", "press", "bookings");

    /**
     * admissions@ucl.ac.uk, enquiries@school.sch.uk, info@charity.org: an office's mailbox, or a
     * role mailbox at a public institution, is not a personal address.
     */
    private static boolean roleAtInstitution(String local, Domain domain) {
        String name = local.toLowerCase(Locale.ROOT);
        if (OFFICE_MAILBOXES.contains(name)) return true;
        if ((Words.LEX.flagsOf(name) & Words.ROLE) == 0) return false;
        List<String> labels = domain.labels;
        for (int i = 1; i < labels.size(); i++) {
            if ((Words.LEX.flagsOf(labels.get(i)) & Words.INSTITUTION) != 0) return true;
        }
        return false;
    }
}
