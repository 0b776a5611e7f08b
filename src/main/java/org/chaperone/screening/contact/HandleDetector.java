package org.chaperone.screening.contact;

/**
 * Finds accounts named in words rather than links: "my insta: amyj_2009", "snapchat me - amyj09",
 * "I'm on discord as amyj", "amyj_2009 on tiktok", "follow me @amyj", "discord amy#1234",
 * "skype live:amy.j", and email accounts named by their provider ("my gmail is jake99").
 * A platform's name alone ("let's talk on snapchat") is not a contact detail; a handle that is an
 * everyday word ("my insta is private") is not a handle.
 */
final class HandleDetector {
    private static final int MAX_HANDLE = 32;

    void find(Tokens t, Hits hits, ContactContext ctx) {
        int n = t.size();
        for (int i = 0; i < n; i++) {
            i = t.next(i, Tokens.HANDLE); // "@", platform and provider names, "name#1234", "live:name"
            if (i >= n) break;
            if (t.isPunct(i, '@')) {
                atHandle(t, i, hits);
                continue;
            }
            if (!t.isAlnum(i)) continue;
            long f = t.flags(i);
            int platformEnd = i;
            int platform = -1;
            boolean weak = false;
            boolean provider = false;
            long pair = t.pairFlags(i);
            if ((pair & Words.PLATFORM) != 0 && t.isWord(i) && t.isWord(i + 1)) {
                platform = t.pairValue(i);
                platformEnd = i + 1;
            } else if ((f & Words.PLATFORM) != 0) {
                platform = t.value(i);
                weak = (f & Words.PLATFORM_WEAK) != 0;
            } else if ((f & Words.PROVIDER) != 0) {
                provider = true;
            } else {
                discordTag(t, i, hits);
                skypeId(t, i, hits);
                continue;
            }
            if (partOfAddress(t, i, platformEnd) || organisationAccount(t, i)) continue;
            ContactKind kind = provider ? ContactKind.EMAIL : ContactKind.SOCIAL;
            if (!provider && platform == Platform.LINKEDIN.ordinal() && ctx.allowsLinkedIn()) continue;
            if (!forward(t, i, platformEnd, weak, kind, hits)) {
                backward(t, i, weak, kind, hits);
            }
            i = platformEnd;
        }
    }

    /** "instagram.com/...", "@gmail.com": links and addresses are the other detectors' work. */
    private static boolean partOfAddress(Tokens t, int first, int last) {
        if (t.isPunct(last + 1, '.') && t.joined(last + 1) && t.isAlnum(last + 2) && t.joined(last + 2)) return true;
        if (first > 0 && t.joined(first) && (t.isPunct(first - 1, '@') || t.isPunct(first - 1, '.')
                || t.isPunct(first - 1, '/'))) {
            return true;
        }
        return first > 0 && t.has(first - 1, Words.AT_WORD);
    }

    /** "the school insta", "our club's official tiktok": an organisation's account, not a person's. */
    private static boolean organisationAccount(Tokens t, int platform) {
        boolean org = false;
        for (int k = platform - 1, words = 0; k >= 0 && words < 4 && !t.hardBreakBefore(k + 1); k--) {
            if (!t.isAlnum(k)) continue;
            words++;
            if (t.is(k, "official") || t.is(k, "school") || t.is(k, "college") || t.is(k, "uni")
                    || t.is(k, "university") || t.is(k, "club") || t.is(k, "team") || t.is(k, "programme")
                    || t.is(k, "charity") || t.is(k, "council") || t.is(k, "library") || t.is(k, "company")) {
                org = true;
            } else if (t.is(k, "the") || t.is(k, "our")) {
                return org;
            } else if ((t.flags(k) & Words.OWNER) != 0 || t.is(k, "im")) {
                return false;
            }
        }
        return false;
    }

    /** Handle after the platform: "insta: x", "snap is x", "discord as x", "snapchat me - x". */
    private static boolean forward(Tokens t, int first, int last, boolean weak, ContactKind kind, Hits hits) {
        boolean colon = false, is = false, as = false, cueWord = false, me = false, at = false;
        int words = 0;
        int k = last + 1;
        while (k < t.size() && words <= 5 && !t.hardBreakBefore(k)) {
            if (t.isPunct(k)) {
                char c = t.firstChar(k);
                if (c == '@' && t.isAlnum(k + 1) && t.joined(k + 1)) {
                    at = true;
                    k++;
                    break;
                } else if (c == ',') {
                    // "find me on facebook, I'm x", "on youtube, my channel is x"
                    long g = t.flags(k + 1);
                    if (!(t.is(k + 1, "im") || t.is(k + 1, "i") || t.is(k + 1, "as") || t.is(k + 1, "it")
                            || t.is(k + 1, "its") || (g & (Words.OWNER | Words.HANDLE_CUE)) != 0)) {
                        // "@ me on twitter, jake_tweets": a handle that cannot be an ordinary word
                        Handle next = t.isAlnum(k + 1) ? handle(t, k + 1, false) : null;
                        if (next == null || !(next.digits() || next.punct())) return false;
                        colon = true;
                    }
                } else if (c == '.' || c == '!' || c == '?' || c == ';' || c == ')' || c == ']') {
                    return false;
                } else if (c == '/' || c == '&' || c == '(' || c == '\'' || c == '"' || c == '+') {
                    // "insta/snap: x", "insta (x)"
                } else if ("@:-=>~|\u2192\u00bb\u21d2\u27a1\u279c\u25b6\u2794".indexOf(c) >= 0) {
                    colon = true; // ":", "-", "=", "→", ">>" and the like
                } else {
                    return false;
                }
                k++;
                continue;
            }
            long f = t.flags(k);
            if (t.is(k, "is") || t.is(k, "its") || t.is(k, "s") || t.is(k, "are") || t.is(k, "=")) {
                is = true;
            } else if (t.is(k, "as") || t.is(k, "under") || t.is(k, "called") || t.is(k, "named")
                    || t.is(k, "im") || (t.is(k, "m") && t.isPunct(k - 1, '\'')) || (t.is(k, "am") && t.is(k - 1, "i"))) {
                as = true;
            } else if ((f & Words.HANDLE_CUE) != 0 && t.isWord(k)) {
                cueWord = true;
            } else if (t.is(k, "me") || t.is(k, "on") || t.is(k, "at") || t.is(k, "i")) {
                me = true;
            } else if ((f & (Words.PLATFORM | Words.PROVIDER)) != 0 && !t.is(k, "x")
                    || t.is(k, "and") || t.is(k, "or") || t.is(k, "both") || t.is(k, "now") || t.is(k, "still")
                    || t.is(k, "also") || t.is(k, "new") || t.is(k, "it") || t.is(k, "just")
                    || ((f & Words.OWNER) != 0 && !t.is(k, "me"))) {
                // connectors of lists: "my insta and snap are both x"
            } else {
                break;
            }
            words++;
            k++;
        }
        if (k >= t.size() || !t.isAlnum(k) || (k > last + 1 && t.hardBreakBefore(k))) return false;
        Handle h = handle(t, k, at);
        if (h == null) return false;
        boolean owner = ownerBefore(t, first);
        boolean strong = h.strong();
        // a plain word after "insta:" or "as" is a handle only where the phrase ends with it:
        // "insta: amyj" yes, "YouTube: Crash Course Biology" or "TikTok: StudyTok has tips" no
        boolean ends = endsPhrase(t, h.last);
        boolean named = cueWord || at || (is && owner) || (me && owner) || ((colon || as) && (strong || ends));
        if (!strong && !h.plainOk) return false;
        if (weak && !(named || (strong && owner))) return false;
        if (!strong && !named) {
            // "add me on snap amyj": a plain word right after the platform, when invited
            if (!(owner && k == last + 1 && invitedBefore(t, first))) return false;
        }
        if (strong && !named && !owner && k > last + 2) return false;
        hits.add(kind, t.start(first), t.end(h.last));
        return true;
    }

    /** The handle is the last thing in its phrase: end of text or line, punctuation, or a sign-off. */
    private static boolean endsPhrase(Tokens t, int last) {
        int k = last + 1;
        if (k >= t.size() || t.lineBreakBefore(k) || t.hardBreakBefore(k)) return true;
        if (t.isPunct(k)) return ".,!?;)]".indexOf(t.firstChar(k)) >= 0;
        return t.is(k, "x") || t.is(k, "xx") || t.is(k, "btw") || t.is(k, "if") || t.is(k, "and") || t.is(k, "or")
                || t.is(k, "pls") || t.is(k, "please") || t.is(k, "lol") || t.is(k, "thx") || t.is(k, "ty")
                || t.is(k, "on") || t.is(k, "there") || t.is(k, "too") || t.is(k, "dm") || t.is(k, "add")
                || t.is(k, "follow") || t.is(k, "but") || t.is(k, "so") || t.is(k, "xo");
    }

    /** Handle before the platform: "amyj_2009 on insta", "@amyj (tiktok)", "add amyj on snap". */
    private static void backward(Tokens t, int platform, boolean weak, ContactKind kind, Hits hits) {
        int k = platform - 1;
        boolean on = false, isMy = false;
        int skipped = 0;
        while (k >= 0 && skipped < 3 && !t.hardBreakBefore(k + 1)) {
            if (t.isPunct(k, '(') || t.isPunct(k, '-') || t.isPunct(k, ':')) {
                k--;
                skipped++;
            } else if (t.is(k, "on") || t.is(k, "at") || t.is(k, "via") || t.is(k, "in")) {
                on = true;
                k--;
                skipped++;
            } else if (t.is(k, "my") || t.is(k, "is") || t.is(k, "s")) {
                isMy = true;
                k--;
                skipped++;
            } else {
                break;
            }
        }
        if (k < 0 || !t.isAlnum(k)) return;
        int start = handleStart(t, k);
        if (start < 0) return;
        Handle h = handle(t, start, start > 0 && t.isPunct(start - 1, '@') && t.joined(start));
        if (h == null || h.last != k) return;
        boolean invited = start >= 1 && invitedOrIntro(t, start);
        if (!(h.strong() || (h.plainOk && (invited || isMy)))) return;
        if (weak && !isMy && !(on && h.strong())) return; // "amyj_09 on snap", but not "5 on snap"
        if (kind == ContactKind.EMAIL && !on && !isMy && !h.strong()) return;
        int from = h.at ? start - 1 : start;
        hits.add(kind, t.start(from), t.end(platform));
    }

    /** First token of the handle compound that ends at token k. */
    private static int handleStart(Tokens t, int k) {
        int p = k;
        int chars = 0;
        while (p >= 0 && chars <= MAX_HANDLE) {
            chars += t.length(p);
            if (!t.joined(p)) return p;
            if (t.isPunct(p - 1) && "._-".indexOf(t.firstChar(p - 1)) >= 0 && t.isAlnum(p - 2) && t.joined(p - 1)) {
                p -= 2;
                continue;
            }
            if (t.isPunct(p - 1, '@')) return p;
            return t.isAlnum(p - 1) ? -1 : p;
        }
        return -1;
    }

    /** "follow me @amyj", "I'm @amyj on tiktok": an @handle counts when something names an account. */
    private static void atHandle(Tokens t, int at, Hits hits) {
        if (!t.isAlnum(at + 1) || !t.joined(at + 1)) return;
        if (at > 0 && t.joined(at) && t.isAlnum(at - 1)) return; // an email address
        if (at > 0 && t.joined(at) && (t.isPunct(at - 1, '/') || t.isPunct(at - 1, '.') || t.isPunct(at - 1, ':'))) {
            return; // inside a link: the link detector judges it
        }
        Handle h = handle(t, at + 1, true);
        if (h == null) return;
        if (t.isPunct(h.last + 1, '.') && t.joined(h.last + 1) && t.isAlnum(h.last + 2)) {
            // "@gmail.com" or "@amy.j" - a domain is the email detector's; a dotted handle is ours
            if ((Words.LEX.flagsOf(t.lower(h.last + 2)) & Words.TLD) != 0) return;
        }
        boolean context = false;
        for (int k = at - 1, words = 0; k >= 0 && words < 8 && !t.hardBreakBefore(k + 1); k--) {
            if (!t.isAlnum(k)) continue;
            words++;
            long f = t.flags(k);
            if ((f & Words.PLATFORM) != 0 && organisationAccount(t, k)) return;
            if ((f & (Words.PLATFORM | Words.HANDLE_CUE)) != 0 && (f & Words.PLATFORM_WEAK) == 0
                    || (words <= 3 && ((f & Words.INVITE) != 0 || t.is(k, "me") || t.is(k, "im")
                    || (t.is(k, "m") && t.isPunct(k - 1, '\'')) || t.is(k, "my")))) {
                context = true;
                break;
            }
        }
        for (int k = h.last + 1, words = 0; !context && k < t.size() && words < 6 && !t.hardBreakBefore(k); k++) {
            if (!t.isAlnum(k)) continue;
            words++;
            long f = t.flags(k);
            if ((f & (Words.PLATFORM | Words.HANDLE_CUE)) != 0 && (f & Words.PLATFORM_WEAK) == 0) context = true;
        }
        if (!context) return;
        if (!h.strong() && !h.plainOk) return;
        hits.add(ContactKind.SOCIAL, t.start(at), t.end(h.last));
    }

    /** "amy#1234": a Discord tag. */
    private static void discordTag(Tokens t, int i, Hits hits) {
        if (!t.isPunct(i + 1, '#') || !t.joined(i + 1) || !t.isDigits(i + 2) || !t.joined(i + 2)) return;
        if (t.length(i + 2) != 4 || !t.isAlnum(i) || (t.flags(i) & (Words.COMMON | Words.STOP)) != 0) return;
        if (t.isAlnum(i + 3) && t.joined(i + 3)) return;
        if (i > 0 && t.joined(i) && t.isAlnum(i - 1)) return;
        hits.add(ContactKind.SOCIAL, t.start(i), t.end(i + 2));
    }

    /** "live:amy.j" or "live:.cid.1234abcd": a Skype name. */
    private static void skypeId(Tokens t, int i, Hits hits) {
        if (!t.is(i, "live") || !t.isPunct(i + 1, ':') || !t.joined(i + 1) || !t.joined(i + 2)) return;
        int k = i + 2;
        if (t.isPunct(k, '.')) k++;
        Handle h = t.isAlnum(k) ? handle(t, k, false) : null;
        if (h == null || t.end(h.last) - t.start(i) < 8) return;
        hits.add(ContactKind.SOCIAL, t.start(i), t.end(h.last));
    }

    private static boolean ownerBefore(Tokens t, int platform) {
        for (int k = platform - 1, words = 0; k >= 0 && words < 4 && !t.hardBreakBefore(k + 1); k--) {
            if (!t.isAlnum(k)) continue;
            words++;
            long f = t.flags(k);
            if ((f & (Words.OWNER | Words.INVITE)) != 0) return true;
            if (t.is(k, "im") || (t.is(k, "m") && t.isPunct(k - 1, '\''))) return true;
        }
        return false;
    }

    private static boolean invitedBefore(Tokens t, int platform) {
        for (int k = platform - 1, words = 0; k >= 0 && words < 4 && !t.hardBreakBefore(k + 1); k--) {
            if (!t.isAlnum(k)) continue;
            words++;
            if ((t.flags(k) & Words.INVITE) != 0) return true;
        }
        return false;
    }

    /** "add amyj", "follow amyj", "I'm amyj" just before a handle. */
    private static boolean invitedOrIntro(Tokens t, int start) {
        int k = start - 1;
        while (k >= 0 && t.isPunct(k) && !t.isPunct(k, '\'')) k--;
        if (k < 0) return false;
        if ((t.flags(k) & Words.INVITE) != 0 || t.is(k, "im")) return true;
        return t.is(k, "m") && t.isPunct(k - 1, '\'');
    }

    private record Handle(int last, boolean at, boolean digits, boolean punct, boolean camel, boolean plainOk) {
        /** Carries what everyday words do not: an @, digits, or _ and . inside. */
        boolean strong() {
            return at || digits || punct;
        }
    }

    /**
     * A handle starting at token k: letters and digits joined by . _ - with no spaces, up to 32
     * characters. Strong when it carries what everyday words do not: an @, digits, _ or . inside,
     * or a capital in the middle (AmyJones).
     */
    private static Handle handle(Tokens t, int k, boolean at) {
        if (!t.isAlnum(k) || !ascii(t, k)) return null; // handles are Latin letters, digits, _ and .
        if (!Character.isLetter(t.firstChar(k)) && !at) return null; // "5pm", "2nd"
        int last = k;
        int chars = t.length(k);
        boolean punct = false;
        boolean digits = t.type(k) != Tokens.WORD;
        int p = k + 1;
        while (p + 1 < t.size() && t.isPunct(p) && "._-".indexOf(t.firstChar(p)) >= 0 && t.joined(p)
                && t.isAlnum(p + 1) && t.joined(p + 1) && chars < MAX_HANDLE) {
            // a trailing ". Then" is a sentence, not a handle
            if (t.firstChar(p) == '.' && t.isUpperInitial(p + 1) && t.type(p + 1) == Tokens.WORD && t.length(p + 1) > 1) break;
            if (!ascii(t, p + 1)) break;
            punct = true;
            if (t.type(p + 1) != Tokens.WORD) digits = true;
            chars += 1 + t.length(p + 1);
            last = p + 1;
            p += 2;
        }
        while (t.isPunct(last + 1, '_') && t.joined(last + 1) && chars < MAX_HANDLE) { // "amy__"
            last++;
            chars++;
            punct = true;
        }
        if (chars > MAX_HANDLE || chars < 2) return null;
        if (t.type(k) == Tokens.MIXED && k == last && unitLike(t, k)) return null;
        boolean camel = false;
        String first = t.str(k);
        for (int c = 1; c < first.length(); c++) {
            if (Character.isUpperCase(first.charAt(c)) && Character.isLowerCase(first.charAt(c - 1))) camel = true;
        }
        long f = t.flags(k);
        boolean plainOk = k == last && t.type(k) == Tokens.WORD && chars >= 3
                && (f & (Words.COMMON | Words.STOP | Words.PLATFORM | Words.PROVIDER | Words.DIGIT | Words.MONTH)) == 0
                && !everydayShape(t.lower(k));
        if (k == last && t.type(k) == Tokens.DIGITS) return null;
        if (!punct && !digits && !camel && !at && !plainOk) return null;
        return new Handle(last, at, digits, punct, camel, plainOk || punct || digits || camel || at);
    }

    /** Word forms that are verbs, adverbs or adjectives rather than names: "lagging", "hacked", "totally". */
    private static boolean everydayShape(String w) {
        int n = w.length();
        if (n < 6) return false;
        if (w.endsWith("ing") || w.endsWith("ed") || (n >= 7 && w.endsWith("ly"))) return true;
        for (String suffix : new String[] {"ful", "less", "ous", "able", "ible", "ness", "ment"}) {
            if (w.endsWith(suffix)) return true;
        }
        return false;
    }

    private static final java.util.regex.Pattern UNIT_LIKE = java.util.regex.Pattern.compile(
            "\\d{1,6}(?:am|pm|st|nd|rd|th|k|m|p|kg|km|cm|mm|s|x|gb|mb|yo)|(?:y|yr|year|q|p|v|ks|gcse|a)\\d{1,4}");

    /** "5pm", "2nd", "y11", "ks3": numbers with units or school years, not handles. */
    private static boolean ascii(Tokens t, int k) {
        for (int c = t.start(k); c < t.end(k); c++) {
            if (t.text.charAt(c) >= 0x80) return false;
        }
        return true;
    }

    private static boolean unitLike(Tokens t, int k) {
        return t.length(k) <= 12 && UNIT_LIKE.matcher(t.lower(k)).matches();
    }
}
