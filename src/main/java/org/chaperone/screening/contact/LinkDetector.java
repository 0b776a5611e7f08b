package org.chaperone.screening.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds links that lead to a person rather than to public information: profile links on social
 * and messaging services (kind social), and link-in-bio pages, personal sites, payment and private
 * meeting links (kind url). Links to a post, a video, a revision site, a university page or
 * gov.uk are ordinary and pass.
 */
final class LinkDetector {
    /** Hosts whose paths name an account, by platform. */
    private static final Map<String, Platform> PLATFORM_HOSTS = platformHosts();

    /** Hosts where any path (or any subdomain) is one person's page. */
    private static final Set<String> PERSONAL_PATH_HOSTS = Set.of(
            "linktr.ee", "beacons.ai", "bio.link", "lnk.bio", "about.me", "allmylinks.com", "solo.to",
            "tap.bio", "msha.ke", "linkin.bio", "campsite.bio", "hoo.be", "direct.me", "calendly.com",
            "paypal.me", "cash.app", "venmo.com", "monzo.me", "ko-fi.com", "buymeacoffee.com",
            "patreon.com", "throne.com", "meet.google.com", "whereby.com", "meet.jit.si", "wa.link",
            "taplink.cc", "snipfeed.co", "stan.store", "linkr.bio", "link.me", "withkoji.com",
            "cal.com", "revolut.me", "tellonym.me", "ngl.link", "komi.io", "flow.page", "linkpop.com");
    private static final Set<String> PERSONAL_SUBDOMAIN_HOSTS = Set.of(
            "wixsite.com", "weebly.com", "blogspot.com", "wordpress.com", "github.io", "neocities.org",
            "carrd.co", "tumblr.com", "square.site", "webnode.page", "mystrikingly.com", "godaddysites.com",
            "jimdosite.com", "site123.me", "ueniweb.com");
    /** Paths on these hosts that are a person's page or private meeting. */
    private static final Map<String, List<String>> PERSONAL_PATH_PREFIXES = Map.of(
            "zoom.us", List.of("j/", "my/", "s/", "w/"),
            "teams.microsoft.com", List.of("l/meetup-join", "meet/"),
            "teams.live.com", List.of("meet/"),
            "sites.google.com", List.of("view/"),
            "paypal.com", List.of("paypalme/"),
            "amazon.co.uk", List.of("hz/wishlist", "registry/"),
            "amazon.com", List.of("hz/wishlist", "registry/"),
            "throne.me", List.of(""));

    private static final Set<String> RESERVED = Set.copyOf(List.of(
            "p", "reel", "reels", "tv", "explore", "accounts", "about", "legal", "directory", "web", "help",
            "privacy", "terms", "login", "signup", "download", "search", "discover", "blog", "jobs", "careers",
            "press", "support", "home", "hashtag", "tag", "intent", "share", "sharer", "sharer.php", "settings",
            "notifications", "messages", "i", "watch", "results", "playlist", "embed", "shorts", "feed",
            "groups", "events", "pages", "policies", "marketplace", "gaming", "photo", "photo.php", "story.php",
            "permalink.php", "business", "company", "school", "showcase", "learning", "posts", "pulse",
            "feed", "r", "videos", "music", "live", "trending", "channels", "status", "hashtags", "topics",
            "ads", "developers", "safety", "creators", "en", "en-gb", "legal", "static", "public"));

    void find(Tokens t, Hits hits, AllowList allow, ContactContext ctx) {
        int n = t.size();
        for (int i = 0; i < n; i++) {
            i = t.next(i, Tokens.LINK); // tokens from which a "label.label" host follows
            if (i >= n) break;
            if (!t.isAlnum(i)) continue;
            // start of a host: not glued to a preceding label, "@" or "/" (a path)
            if (i > 0 && t.joined(i) && (t.isAlnum(i - 1) || t.isPunct(i - 1, '.') || t.isPunct(i - 1, '@')
                    || t.isPunct(i - 1, '-') || t.isPunct(i - 1, '_'))) {
                continue;
            }
            if (!hostAhead(t, i) || !tldAhead(t, i)) continue;
            int[] hostEnd = new int[1];
            String host = host(t, i, hostEnd);
            if (host == null) continue;
            int k = hostEnd[0] + 1;
            int lastTok = hostEnd[0];
            String path = "";
            if (t.isPunct(k, '/') && t.joined(k)) {
                int[] pathEnd = new int[1];
                path = path(t, k, pathEnd);
                lastTok = pathEnd[0];
            }
            ContactKind kind = classify(t, i, host, path, ctx);
            if (kind != null && !allow.allowsDomain(host)) {
                int from = urlStart(t, i);
                hits.add(kind, t.start(from), t.end(lastTok));
            }
            i = lastTok;
        }
    }

    /** Quick test before any allocation: "word.word" with nothing between. */
    private static boolean hostAhead(Tokens t, int i) {
        int p = i + 1;
        while (t.isPunct(p, '-') && t.joined(p) && t.isAlnum(p + 1) && t.joined(p + 1)) p += 2;
        return t.isPunct(p, '.') && t.joined(p) && t.isAlnum(p + 1) && t.joined(p + 1);
    }

    /**
     * Whether {@link #host} would find a top-level domain after the first label, without building the labels: "room
     * 2.14" and "12.05.2025" are no host. A label that is a top-level domain is one token (none has a hyphen).
     */
    private static boolean tldAhead(Tokens t, int i) {
        int k = i;
        int labels = 0;
        while (t.isAlnum(k) && labels < 10) {
            int p = k + 1;
            boolean single = true;
            while (t.isPunct(p, '-') && t.joined(p) && t.isAlnum(p + 1) && t.joined(p + 1)) {
                p += 2;
                single = false;
            }
            labels++;
            if (labels >= 2 && single && (t.flags(k) & Words.TLD) != 0) return true;
            if (t.isPunct(p, '.') && t.joined(p) && t.isAlnum(p + 1) && t.joined(p + 1)) {
                k = p + 1;
            } else {
                break;
            }
        }
        return false;
    }

    /** Include a leading "https://" in the span. */
    private static int urlStart(Tokens t, int i) {
        if (i >= 3 && t.isPunct(i - 1, '/') && t.isPunct(i - 2, '/') && t.isPunct(i - 3, ':')
                && t.isAlnum(i - 4) && t.lower(i - 4).startsWith("http")) {
            return i - 4;
        }
        return i;
    }

    /** label(.label)+ ending in a top-level domain, with no spaces; lower-cased, "www." dropped. */
    private static String host(Tokens t, int i, int[] end) {
        List<String> labels = new ArrayList<>(4);
        int k = i;
        int lastTld = -1;
        int lastTldTok = -1;
        while (t.isAlnum(k) && labels.size() < 10) {
            StringBuilder label = new StringBuilder(t.str(k));
            int p = k + 1;
            while ((t.isPunct(p, '-')) && t.joined(p) && t.isAlnum(p + 1) && t.joined(p + 1)) {
                label.append('-').append(t.str(p + 1));
                p += 2;
            }
            labels.add(label.toString().toLowerCase(Locale.ROOT));
            if (labels.size() >= 2 && (Words.LEX.flagsOf(labels.get(labels.size() - 1)) & Words.TLD) != 0) {
                lastTld = labels.size();
                lastTldTok = p - 1;
            }
            if (t.isPunct(p, '.') && t.joined(p) && t.isAlnum(p + 1) && t.joined(p + 1)) {
                k = p + 1;
            } else {
                break;
            }
        }
        if (lastTld < 2) return null;
        end[0] = lastTldTok;
        List<String> h = labels.subList(0, lastTld);
        String host = String.join(".", h);
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    private static String path(Tokens t, int slash, int[] end) {
        StringBuilder b = new StringBuilder();
        int k = slash;
        int last = slash;
        while (k < t.size() && (k == slash || t.joined(k)) && b.length() < 300) {
            if (t.isPunct(k)) {
                char c = t.firstChar(k);
                if ("/.-_@?=&%#~+:!$".indexOf(c) < 0) break;
            }
            b.append(t.str(k));
            if (t.isAlnum(k) || t.isPunct(k, '/')) last = k;
            k++;
        }
        end[0] = last;
        String p = b.toString(); // trailing sentence punctuation is left out
        return p.substring(1, Math.min(p.length(), t.end(last) - t.start(slash)));
    }

    private static ContactKind classify(Tokens t, int first, String host, String path, ContactContext ctx) {
        String bare = stripMobile(host);
        Platform platform = platformFor(bare);
        List<String> segs = segments(path);
        if (platform != null) {
            if (platform == Platform.LINKEDIN && ctx.allowsLinkedIn()) return null;
            String sub = subdomain(bare, platform);
            if (platform == Platform.TUMBLR && sub != null) return ContactKind.SOCIAL;
            return profilePath(platform, bare, segs) ? ContactKind.SOCIAL : null;
        }
        if (PERSONAL_PATH_HOSTS.contains(bare)) {
            return segs.isEmpty() ? null : ContactKind.URL;
        }
        for (String h : PERSONAL_SUBDOMAIN_HOSTS) {
            if (bare.endsWith("." + h) && !bare.startsWith("www.")) return ContactKind.URL;
        }
        List<String> prefixes = PERSONAL_PATH_PREFIXES.get(bare);
        if (prefixes != null) {
            String p = path.toLowerCase(Locale.ROOT);
            for (String prefix : prefixes) {
                if (!p.isEmpty() && p.startsWith(prefix)) return ContactKind.URL;
            }
            return null;
        }
        if (ownSiteCue(t, first) && !institutional(bare)) return ContactKind.URL;
        return null;
    }

    private static String stripMobile(String host) {
        for (String p : new String[] {"m.", "mobile.", "uk.", "en.", "web.", "vm.", "vt."}) {
            if (host.startsWith(p) && host.indexOf('.', p.length()) > 0) return host.substring(p.length());
        }
        return host;
    }

    private static Platform platformFor(String host) {
        Platform p = PLATFORM_HOSTS.get(host);
        if (p != null) return p;
        int dot = host.indexOf('.');
        // x.tumblr.com and other user subdomains
        while (dot > 0) {
            String parent = host.substring(dot + 1);
            Platform q = PLATFORM_HOSTS.get(parent);
            if (q != null) return q;
            dot = host.indexOf('.', dot + 1);
        }
        return null;
    }

    private static String subdomain(String host, Platform platform) {
        for (String h : platform.hosts) {
            if (host.endsWith("." + h)) return host.substring(0, host.length() - h.length() - 1);
        }
        return null;
    }

    private static List<String> segments(String path) {
        String p = path;
        int q = p.indexOf('?');
        String query = q >= 0 ? p.substring(q + 1) : "";
        if (q >= 0) p = p.substring(0, q);
        int h = p.indexOf('#');
        if (h >= 0) p = p.substring(0, h);
        List<String> out = new ArrayList<>(4);
        for (String s : p.split("/")) {
            if (!s.isEmpty()) out.add(s.toLowerCase(Locale.ROOT));
        }
        if (!query.isEmpty()) out.add("?" + query.toLowerCase(Locale.ROOT));
        return out;
    }

    /** Does this path on a platform's host name an account (rather than a post, video or page)? */
    private static boolean profilePath(Platform platform, String host, List<String> segs) {
        if (segs.isEmpty()) return false;
        String s0 = segs.get(0);
        int n = segs.size();
        boolean query = segs.get(n - 1).startsWith("?");
        int real = query ? n - 1 : n;
        return switch (platform) {
            case WHATSAPP, TELEGRAM, KIK, SKYPE, TELLONYM, VSCO, BEREAL, SIGNAL, LINE -> !RESERVED.contains(s0) || s0.equals("send");
            case DISCORD -> host.equals("discord.gg") || s0.equals("invite") || s0.equals("users");
            case TIKTOK -> s0.startsWith("@") ? real == 1 : false;
            case YOUTUBE -> s0.startsWith("@") || ((s0.equals("c") || s0.equals("channel") || s0.equals("user")) && real >= 2);
            case REDDIT -> (s0.equals("u") || s0.equals("user")) && real >= 2;
            case LINKEDIN -> (s0.equals("in") || s0.equals("pub")) && real >= 2;
            case SNAPCHAT -> (s0.equals("add") && real >= 2) || (!RESERVED.contains(s0) && real == 1);
            case FACEBOOK -> s0.equals("profile.php") || (!RESERVED.contains(s0) && real <= 2 && !s0.startsWith("?"));
            case ROBLOX -> s0.equals("users") && real >= 2;
            case STEAM -> (s0.equals("id") || s0.equals("profiles")) && real >= 2;
            case BLUESKY -> s0.equals("profile") && real == 2;
            case SPOTIFY -> s0.equals("user") && real >= 2;
            case GITHUB -> real == 1 && !RESERVED.contains(s0);
            default -> !RESERVED.contains(s0) && !s0.startsWith("?") && (real == 1 || (s0.startsWith("@") && real <= 2));
        };
    }

    /** "my website is ...", "check out my portfolio: ...", but not "my favourite site is ...". */
    private static boolean ownSiteCue(Tokens t, int first) {
        int site = -1;
        for (int k = first - 1, words = 0; k >= 0 && words < 6; k--) {
            if (t.hardBreakBefore(k + 1)) break;
            if (!t.isAlnum(k)) continue;
            words++;
            long f = t.flags(k);
            if (site < 0 && (f & Words.SITE_CUE) != 0) {
                site = k;
                continue;
            }
            if (site >= 0) {
                if (t.is(k, "favourite") || t.is(k, "favorite") || t.is(k, "fave") || t.is(k, "fav")
                        || t.is(k, "school") || t.is(k, "college") || t.is(k, "uni") || t.is(k, "revision")) {
                    return false;
                }
                if ((f & Words.OWNER) != 0 && !t.is(k, "your") && !t.is(k, "me")) return site - k <= 3;
            }
        }
        return false;
    }

    private static boolean institutional(String host) {
        String[] labels = host.split("\\.");
        for (int i = 1; i < labels.length; i++) {
            if ((Words.LEX.flagsOf(labels[i]) & Words.INSTITUTION) != 0) return true;
        }
        return false;
    }

    private static Map<String, Platform> platformHosts() {
        Map<String, Platform> m = new java.util.HashMap<>();
        for (Platform p : Platform.values()) {
            for (String h : p.hosts) {
                if (!h.contains("/")) m.put(h, p);
            }
        }
        m.put("open.spotify.com", Platform.SPOTIFY);
        return Map.copyOf(m);
    }
}
