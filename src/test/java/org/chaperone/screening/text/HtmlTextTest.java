package org.chaperone.screening.text;

import org.chaperone.screening.contact.ContactContext;
import org.chaperone.screening.contact.ContactFinding;
import org.chaperone.screening.contact.ContactKind;
import org.chaperone.screening.contact.ContactScreener;
import org.chaperone.screening.contact.ContactSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlTextTest {
    private static final ContactScreener SCREENER = new ContactScreener(ContactSettings.defaults());

    private static Set<ContactKind> kindsIn(String html) {
        return SCREENER.find(HtmlText.allText(html), ContactContext.underEighteen()).stream()
                .map(ContactFinding::kind).collect(Collectors.toSet());
    }

    @Test
    void textAReaderCannotSeeIsScreened() {
        assertEquals(Set.of(ContactKind.PHONE), kindsIn("<p>See you soon!</p><div style=\"display:none\">07700 900123</div>"));
        assertEquals(Set.of(ContactKind.EMAIL), kindsIn("<p>Hi <span style='color:#ffffff'>jake at gmail dot com</span></p>"));
        assertEquals(Set.of(ContactKind.SOCIAL), kindsIn("<p>Hi</p><span style=\"font-size:0px\">my snap is jakey_09</span>"));
        assertEquals(Set.of(ContactKind.PHONE), kindsIn("<p>Hi</p><!-- 07700 900123 -->"));
        assertEquals(Set.of(ContactKind.EMAIL), kindsIn("<img src=\"cat.png\" alt=\"jake.smith@hotmail.com\">"));
        assertEquals(Set.of(ContactKind.SOCIAL), kindsIn("<a href=\"https://instagram.com/jake.draws\">my art</a>"));
        assertEquals(Set.of(ContactKind.PHONE), kindsIn("<a href=\"tel:+447700900123\">call</a>"));
        assertEquals(Set.of(ContactKind.EMAIL), kindsIn("<a href=\"mailto:jake@gmail.com?subject=hi\">write</a>"));
        assertEquals(Set.of(ContactKind.PHONE), kindsIn("<p hidden>0 7 7 0 0 9 0 0 1 2 3</p>"));
        assertEquals(Set.of(ContactKind.PHONE), kindsIn("<style>.x::after { content: \"07700 900123\" }</style><p class=x>hi</p>"));
    }

    @Test
    void aNumberSplitAcrossInlineElementsReadsAsOneNumber() {
        String html = "<p>call <b>077</b><i>00</i> 900<span style='display:none'>zzz</span>123</p>";
        String text = HtmlText.allText(html);
        assertTrue(text.startsWith("call 07700 900123"), text);
        assertEquals(Set.of(ContactKind.PHONE), kindsIn(html));
    }

    @Test
    void piecesAreSeparatedSoMatchesDoNotJoinAcrossThem() {
        String text = HtmlText.allText("<p>jake</p><div title=\"at gmail dot com\"></div>");
        assertTrue(text.contains(HtmlText.SEPARATOR), text);
        assertEquals(Set.of(), kindsIn("<p>I will look at</p><p hidden>the dot points</p>"));
    }

    @Test
    void blocksAreLinesAndOrdinaryMailIsClean() {
        String html = """
                <html><head><title>Session notes</title><style>p { color: #333 }</style></head>
                <body><p>Session 4 is on 21/11 at 17:00.</p><p>Revision: <a href="https://www.bbc.co.uk/bitesize">Bitesize</a></p>
                <table><tr><td>Room 104</td><td>Building 3</td></tr></table></body></html>""";
        String text = HtmlText.allText(html);
        assertTrue(text.contains("Session 4 is on 21/11 at 17:00."), text);
        assertFalse(text.contains("color: #333"), text);
        assertEquals(Set.of(), kindsIn(html));
    }

    @Test
    void brokenAndHostileMarkupStillGivesText() {
        assertEquals("", HtmlText.allText(""));
        assertEquals("", HtmlText.allText(null));
        assertTrue(HtmlText.allText("<p>07700 900123<div><span").contains("07700 900123"));
        String deep = "<div>".repeat(50_000) + "jake@gmail.com" + "</div>".repeat(50_000);
        assertEquals(Set.of(ContactKind.EMAIL), kindsIn(deep));
        assertTrue(HtmlText.allText("<a href=\"mailto:%E0%A4%A\">x</a>").contains("%E0%A4%A"));
        List<String> garbage = List.of("<<<>>>", "<a href=>", "</p></p></div>", "<!--", "<![CDATA[07700 900123");
        for (String g : garbage) HtmlText.allText(g);
    }
}
