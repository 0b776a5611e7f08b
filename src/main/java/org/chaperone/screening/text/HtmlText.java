package org.chaperone.screening.text;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an HTML part as screening needs it: what a reader sees, and also what a reader
 * cannot see but someone put there — hidden elements, white or tiny text, alt and title text,
 * comments, link targets. People hide contact details exactly there.
 *
 * <p>The visible text comes first, laid out as a reader sees it (inline elements run together,
 * so a number split across spans still reads as one number; hidden elements are left out of it,
 * so junk hidden between its pieces cannot break it). Each hidden piece, comment and attribute
 * follows after a {@link #SEPARATOR}, which the screeners never match across.
 */
public final class HtmlText {
    /** Between pieces: a blank line, which no detector matches across. */
    public static final String SEPARATOR = "\n\n";

    private static final Set<String> BLOCKS = Set.of(
            "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog",
            "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
            "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
            "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul", "option", "center");
    private static final Set<String> NEVER_SHOWN = Set.of("script", "style", "template", "noscript", "head", "meta");
    private static final Set<String> TEXT_ATTRIBUTES = Set.of(
            "alt", "title", "aria-label", "aria-description", "placeholder", "value", "label", "summary",
            "content", "data-text", "data-content", "data-title");
    private static final Set<String> LINK_ATTRIBUTES = Set.of("href", "src", "action", "cite", "background", "poster");
    private static final Pattern HIDING = Pattern.compile(
            "display\\s*:\\s*none|visibility\\s*:\\s*(?:hidden|collapse)|opacity\\s*:\\s*0(?:\\.0+)?\\s*(?:;|$|!)"
                    + "|font-size\\s*:\\s*(?:0|0?\\.\\d+|1)(?:px|pt|em|rem|%)?\\s*(?:;|$|!)"
                    + "|(?:max-)?(?:height|width)\\s*:\\s*0(?:px)?\\s*(?:;|$|!)|mso-hide\\s*:\\s*all"
                    + "|(?:left|top|text-indent)\\s*:\\s*-\\d{3,}|clip\\s*:\\s*rect\\(\\s*0"
                    + "|(?<![-\\w])color\\s*:\\s*(?:#f{3}\\b|#f{6}\\b|white\\b|transparent\\b|rgba\\([^)]{0,40},\\s*0\\s*\\))",
            Pattern.CASE_INSENSITIVE);
    /** CSS generated content: content: "..." in style blocks and attributes. */
    private static final Pattern CSS_CONTENT = Pattern.compile("content\\s*:\\s*(['\"])([^'\"]{1,500})\\1");
    private static final int MAX_ATTRIBUTE = 2_000;

    private HtmlText() {}

    /** All the text in {@code html}, visible first, then every hidden piece; never throws. */
    public static String allText(String html) {
        if (html == null || html.isEmpty()) return "";
        Document doc;
        try {
            doc = Jsoup.parse(html);
        } catch (RuntimeException | StackOverflowError e) {
            return html; // unparseable: screen the raw markup rather than nothing
        }
        StringBuilder visible = new StringBuilder(html.length() / 2);
        List<String> hidden = new ArrayList<>();
        doc.traverse(new Collector(visible, hidden));
        StringBuilder out = new StringBuilder(visible.length() + 64);
        out.append(visible.toString().strip());
        for (String piece : hidden) {
            String p = piece.strip();
            if (!p.isEmpty()) out.append(SEPARATOR).append(p);
        }
        return out.toString();
    }

    /** True when the element's own markup hides it (not inherited: ancestors are tracked apart). */
    static boolean hides(Element e) {
        if (e.hasAttr("hidden")) return true;
        String type = e.attr("type");
        if (e.nameIs("input") && type.equalsIgnoreCase("hidden")) return true;
        String style = e.attr("style");
        if (!style.isEmpty() && HIDING.matcher(style).find()) return true;
        String color = e.attr("color"); // <font color="white">
        if (!color.isEmpty()) {
            String c = color.trim().toLowerCase(Locale.ROOT);
            if (c.equals("white") || c.equals("#fff") || c.equals("#ffffff")) return true;
        }
        return false;
    }

    private static final class Collector implements NodeVisitor {
        private final StringBuilder visible;
        private final List<String> hidden;
        /** Depth of the outermost hidden element we are inside, or -1. */
        private int hiddenDepth = -1;
        private StringBuilder hiddenText;

        Collector(StringBuilder visible, List<String> hidden) {
            this.visible = visible;
            this.hidden = hidden;
        }

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                String s = text.getWholeText();
                if (hiddenDepth >= 0) hiddenText.append(s);
                else visible.append(collapse(s));
            } else if (node instanceof DataNode data) {
                Matcher m = CSS_CONTENT.matcher(data.getWholeData());
                while (m.find()) hidden.add(m.group(2));
            } else if (node instanceof Comment comment) {
                hidden.add(comment.getData());
            } else if (node instanceof Element e) {
                attributes(e);
                if (hiddenDepth < 0 && (NEVER_SHOWN.contains(e.normalName()) || hides(e))) {
                    hiddenDepth = depth;
                    hiddenText = new StringBuilder();
                }
                if (hiddenDepth < 0 && BLOCKS.contains(e.normalName())) visible.append('\n');
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element e) {
                if (hiddenDepth == depth) {
                    hidden.add(hiddenText.toString());
                    hiddenDepth = -1;
                    hiddenText = null;
                } else if (hiddenDepth < 0 && BLOCKS.contains(e.normalName())) {
                    visible.append('\n');
                } else if (hiddenDepth >= 0 && BLOCKS.contains(e.normalName())) {
                    hiddenText.append('\n');
                }
            }
        }

        private void attributes(Element e) {
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                String value = a.getValue();
                if (value == null || value.isBlank() || value.length() > MAX_ATTRIBUTE) continue;
                if (TEXT_ATTRIBUTES.contains(key) || key.startsWith("data-")) {
                    hidden.add(value);
                } else if (LINK_ATTRIBUTES.contains(key)) {
                    if (value.regionMatches(true, 0, "data:", 0, 5)) continue;
                    hidden.add(linkTarget(value));
                } else if (key.equals("style")) {
                    Matcher m = CSS_CONTENT.matcher(value);
                    while (m.find()) hidden.add(m.group(2));
                }
            }
        }
    }

    /** "mailto:amy@x.com?subject=hi" → "amy@x.com"; "tel:+44..." → "+44..."; links as they are. */
    static String linkTarget(String href) {
        String v = href.strip();
        for (String scheme : new String[] {"mailto:", "tel:", "sms:", "callto:", "facetime:", "skype:", "whatsapp:"}) {
            if (v.regionMatches(true, 0, scheme, 0, scheme.length())) {
                v = v.substring(scheme.length());
                int q = v.indexOf('?');
                if (q >= 0) v = v.substring(0, q);
                try {
                    return java.net.URLDecoder.decode(v.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IllegalArgumentException badEscape) {
                    return v; // a broken %-escape: screen it as written
                }
            }
        }
        return v;
    }

    private static String collapse(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
                space = true;
            } else {
                if (space) b.append(' ');
                space = false;
                b.append(c);
            }
        }
        if (space) b.append(' ');
        return b.toString();
    }
}
