package org.chaperone.screening.contact;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContactScreenerTest {
    private final ContactScreener screener = new ContactScreener(ContactSettings.defaults());

    private List<ContactFinding> find(String text) {
        return screener.find(text, ContactContext.underEighteen());
    }

    private static ContactFinding only(List<ContactFinding> found) {
        assertEquals(1, found.size(), () -> "findings: " + found);
        return found.get(0);
    }

    @Test
    void positionsPointAtWhatThePersonWroteEvenThroughDisguises() {
        String text = "hi! ring ０７７００\u200b ９００ １２３ tonight";
        ContactFinding f = only(find(text));
        assertEquals(ContactKind.PHONE, f.kind());
        assertEquals(text.indexOf('０'), f.start());
        assertEquals(text.indexOf('３') + 1, f.end());
        assertEquals(text.substring(f.start(), f.end()), f.text());
    }

    @Test
    void lookAlikeLettersInAnEmailAreFoundAndReportedAsWritten() {
        String text = "write to jаke@gmаil.cоm please"; // Cyrillic а and о
        ContactFinding f = only(find(text));
        assertEquals(ContactKind.EMAIL, f.kind());
        assertEquals("jаke@gmаil.cоm", f.text());
    }

    @Test
    void spokenNumberSpanCoversEveryWord() {
        ContactFinding f = only(find("it is double seven double oh nine double oh one two three ok"));
        assertEquals("double seven double oh nine double oh one two three", f.text());
    }

    @Test
    void signpostingNumbersPassButAPersonalNumberBesideThemDoesNot() {
        assertEquals(List.of(), find("Childline 0800 1111, Samaritans 116 123, NSPCC 0808 800 5000, Shout 85258"));
        ContactFinding f = only(find("Childline is 0800 1111 but my mobile is 07700 900 123"));
        assertEquals("07700 900 123", f.text());
    }

    @Test
    void programmeContactsAndRelayAddressesAreNotPersonal() {
        ContactScreener relay = new ContactScreener(ContactSettings.defaults().withAllowedDomains(List.of("relay.chaperone.org")));
        ContactContext ctx = new ContactContext(false, true, Set.of("mentoring@brightfutures.org.uk", "0113 496 0500"));
        assertEquals(List.of(), relay.find("reply to m-7f3k2@relay.chaperone.org", ctx));
        assertEquals(List.of(), relay.find("email mentoring@brightfutures.org.uk or call 0113 496 0500", ctx));
        assertEquals(ContactKind.EMAIL, only(relay.find("or email me at amy.j@brightfutures.org.uk", ctx)).kind());
        assertEquals(ContactKind.PHONE, only(relay.find("my own number is 0113 496 0999", ctx)).kind());
    }

    @Test
    void linkedInProfilesPassOnlyBetweenAdultsWhenTheProgrammeAllowsIt() {
        String text = "connect with me: linkedin.com/in/priya-patel-eng";
        assertEquals(ContactKind.SOCIAL, only(screener.find(text, ContactContext.underEighteen())).kind());
        assertEquals(List.of(), screener.find(text, ContactContext.adult()));
        assertEquals(ContactKind.SOCIAL,
                only(screener.find(text, new ContactContext(true, false, Set.of()))).kind());
    }

    @Test
    void everyKindIsReportedInOneMessage() {
        List<ContactFinding> found = find("""
                07700 900 123 / amy at gmail dot com / 14 Elm Road, Leeds LS6 3QN /
                my snap is amyj_09 / linktr.ee/amyj""");
        Set<ContactKind> kinds = found.stream().map(ContactFinding::kind).collect(java.util.stream.Collectors.toSet());
        assertEquals(Set.of(ContactKind.values()), kinds, found.toString());
    }

    @Test
    void aPostcodeShapeAsTheVeryLastTokenIsScreenedToTheEnd() {
        // sixteen tokens in 33 chars fill the token arrays exactly; the postcode check looked one past the end
        // and the whole postal screen failed, holding an ordinary message
        ContactScreener.ContactScreen screen = screener.screen("a b c d e f g h i j k l m n o SW1",
                ContactContext.underEighteen());
        assertTrue(screen.complete());
        assertEquals(List.of(), screen.findings());
        ContactScreener.ContactScreen postcode = screener.screen("a b c d e f g h i j k l m SW1A 1AA",
                ContactContext.underEighteen());
        assertTrue(postcode.complete());
        assertEquals(ContactKind.POSTAL, only(postcode.findings()).kind());
    }

    @Test
    void emptyAndNullTextHaveNoFindings() {
        assertEquals(List.of(), find(""));
        assertEquals(List.of(), find(null));
        assertTrue(screener.screen(null, null).complete());
    }
}
